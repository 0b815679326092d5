import {
  INSTITUTION_STATUSES,
  INSTITUTION_TYPES,
  type InstitutionStatus,
  type InstitutionType,
} from '../../../common/enums';

export interface InstitutionFilterValues {
  q?: string;
  type?: InstitutionType;
  status?: InstitutionStatus;
  region?: string;
}

function oneOf<T extends string>(values: readonly T[], text: string | null): T | undefined {
  return text && (values as readonly string[]).includes(text) ? (text as T) : undefined;
}

/** The list filters read from the address bar (unknown values are ignored). */
export function filtersFrom(params: URLSearchParams): InstitutionFilterValues {
  const region = params.get('region');
  return {
    q: params.get('q') ?? undefined,
    type: oneOf(INSTITUTION_TYPES, params.get('type')),
    status: oneOf(INSTITUTION_STATUSES, params.get('status')),
    region: region && /^\d{12}$/.test(region) ? region : undefined,
  };
}
