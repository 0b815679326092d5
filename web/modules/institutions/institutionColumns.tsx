import { PhoneOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { Institution } from '../../../common/contracts/institutions';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { formatCount, formatDate } from '../../lib/format';
import { InstitutionStatusTag } from '../../components/StatusTags';

const detailPath = (i: Institution) => `/institutions/${i.id}`;

export const institutionColumns: TableColumnsType<Institution> = [
  {
    title: '机构名称',
    key: 'name',
    fixed: 'left',
    render: (_, i) => <Link to={detailPath(i)}>{i.name}</Link>,
  },
  { title: '类型', key: 'type', render: (_, i) => INSTITUTION_TYPE_LABELS[i.type] },
  { title: '所在区划', dataIndex: 'regionName', key: 'region' },
  {
    title: '当前状态',
    key: 'status',
    render: (_, i) => (
      <Flex vertical gap={2} align="flex-start">
        <InstitutionStatusTag status={i.status} />
        {i.statusSince ? <span className="fx-muted fx-small">自 {formatDate(i.statusSince)}</span> : null}
      </Flex>
    ),
  },
  { title: '床位', key: 'beds', align: 'right', render: (_, i) => formatCount(i.beds) },
  { title: '服务对象', key: 'residents', align: 'right', render: (_, i) => formatCount(i.residents) },
  { title: '工作人员', key: 'staff', align: 'right', render: (_, i) => formatCount(i.staff) },
  {
    title: '第一责任人',
    key: 'person',
    render: (_, i) => (
      <span>
        {i.responsiblePerson} <a href={`tel:${i.responsiblePhone}`}>{i.responsiblePhone}</a>
      </span>
    ),
  },
];

/** One institution as a card on a phone. */
export function InstitutionCard({ institution: i }: { institution: Institution }) {
  return (
    <Flex vertical gap={4} data-institution-id={i.id}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Link to={detailPath(i)} className="fx-card-title">
          {i.name}
        </Link>
        <InstitutionStatusTag status={i.status} />
      </Flex>
      <div>
        <Tag>{INSTITUTION_TYPE_LABELS[i.type]}</Tag>
        <Typography.Text type="secondary">{i.regionName}</Typography.Text>
      </div>
      <div className="fx-figures">
        <span>
          床位 <b>{formatCount(i.beds)}</b>
        </span>
        <span>
          服务对象 <b>{formatCount(i.residents)}</b>
        </span>
        <span>
          工作人员 <b>{formatCount(i.staff)}</b>
        </span>
      </div>
      <Typography.Text type="secondary" className="fx-small">
        {i.responsiblePerson}{' '}
        <a href={`tel:${i.responsiblePhone}`}>
          <PhoneOutlined /> {i.responsiblePhone}
        </a>
        {i.statusSince ? ` · 状态自 ${formatDate(i.statusSince)}` : ''}
      </Typography.Text>
    </Flex>
  );
}
