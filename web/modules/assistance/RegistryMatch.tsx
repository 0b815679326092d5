import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox } from 'antd';
import type { Household } from '../../../common/contracts/beneficiaries';
import { BENEFICIARY_PROGRAMME_LABELS } from '../../../common/enums';
import { beneficiariesApi } from '../beneficiaries/queries';

/**
 * The registry household of the recipient's ID number, when there is one in the officer's area: shown
 * under the form with a tick to link the grant to it (the case is then the household's, with its members).
 * Without permission to read the registry, or without a match, it shows nothing.
 */
export function RegistryMatch({
  idNumber,
  linked,
  onChange,
}: {
  idNumber: string;
  linked: Household | null;
  onChange: (h: Household | null) => void;
}) {
  const found = useQuery({
    queryKey: ['beneficiaries', 'by-id-number', idNumber],
    queryFn: () => beneficiariesApi.list({ idNumber, page: 1, pageSize: 5 }),
    retry: false,
  });
  const household = found.data?.items[0] ?? null;
  // A new ID number with no household (or another one) drops a link made for the previous number.
  useEffect(() => {
    if (linked && linked.id !== household?.id && !found.isFetching) onChange(null);
  }, [household, linked, found.isFetching, onChange]);
  if (!household) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="fx-block"
      data-testid="registry-match"
      title={`救助对象库：${household.headName} 户 · ${household.memberCount} 人 · ${BENEFICIARY_PROGRAMME_LABELS[household.programme]} · ${household.regionName}`}
      description={
        <Checkbox checked={linked?.id === household.id} onChange={(e) => onChange(e.target.checked ? household : null)}>
          关联该家庭（人口按名册计 {household.memberCount} 人）
        </Checkbox>
      }
    />
  );
}
