import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';
import type { RegionDetail } from '../../../common/contracts/regions';
import { isWithin } from '../../../common/region-code';

/** Ancestors of the region; those within the user's scope are links, those above it plain text. */
export function RegionBreadcrumb({ region, scopeCode }: { region: RegionDetail; scopeCode: string }) {
  const items = [
    ...region.ancestors.map((a) => ({
      key: a.code,
      title: isWithin(a.code, scopeCode) ? (
        <Link to={a.code === scopeCode ? '/' : `/regions/${a.code}`}>{a.name}</Link>
      ) : (
        a.name
      ),
    })),
    { key: region.code, title: region.name },
  ];
  return <Breadcrumb items={items} className="fx-breadcrumb" />;
}
