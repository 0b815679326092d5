import { useState } from 'react';
import { Card } from 'antd';
import { useCan, useUser } from '../../lib/auth';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { FundsCard } from './FundsCard';
import { GrantForm } from './GrantForm';
import { GrantsCard } from './GrantsCard';

/** 临时救助: town reserves, the grant form, and grants whose paperwork is still owed. */
export function AssistancePage() {
  const user = useUser();
  const canGrant = useCan('assistance:grant');
  const [region, setRegion] = useState<string | undefined>(undefined);
  return (
    <div>
      <PageHeader title="临时救助" subtitle="先行救助、后补手续；乡镇备用金直接发放" />
      <Card size="small" className="fx-block">
        <RegionPicker
          rootCode={user.regionCode}
          value={region}
          onChange={setRegion}
          allowClear
          placeholder="按区划筛选（默认全部管辖范围）"
          style={{ width: '100%', maxWidth: 360 }}
        />
      </Card>
      {canGrant ? <GrantForm /> : null}
      <GrantsCard region={region} />
      <FundsCard region={region} />
    </div>
  );
}
