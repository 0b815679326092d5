import '../../components/work-pages.css';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { usePatrol } from './queries';
import { PersonCard } from './RescueBits';

/** One patrol: where, when, who, what was found, and the persons recorded on it. */
export function PatrolPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canRecord = useCan('rescue:record');
  const patrol = usePatrol(id);
  if (patrol.error) return <QueryError error={patrol.error} onRetry={() => void patrol.refetch()} />;
  if (!patrol.data) return <Skeleton active />;
  const p = patrol.data;
  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/rescue/patrols" className="fx-muted">
            <ArrowLeftOutlined /> 巡查记录
          </Link>
        }
        title={`巡查 ${formatMinute(p.patrolledAt)}`}
        subtitle={p.regionName}
      />
      <Card size="small" className="fx-block">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="人员">{p.team}</Descriptions.Item>
          <Descriptions.Item label="区域或路线">{p.area}</Descriptions.Item>
          <Descriptions.Item label="巡查情况">{p.findings}</Descriptions.Item>
          <Descriptions.Item label="登记人">{p.createdByName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        className="fx-block"
        title={`发现人员（${p.persons.length}）`}
        extra={
          canRecord ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => void navigate(`/rescue/persons/new?patrolId=${p.id}&region=${p.regionCode}`)}
            >
              登记
            </Button>
          ) : null
        }
      >
        {p.persons.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本次巡查未登记人员" />
        ) : null}
        <Flex vertical gap={12}>
          {p.persons.map((person) => (
            <PersonCard key={person.id} p={person} />
          ))}
        </Flex>
      </Card>
    </div>
  );
}
