import { useState } from 'react';
import { Alert, Button, Card, Progress, Space, Statistic, Table, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ImportRowError, ImportTotals } from '../../../common/contracts/beneficiaries';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { streamImport } from './queries';

/** Errors shown on the page; the rest are counted (a million-row file may have many). */
const SHOWN_ERRORS = 2_000;

/** Upload a sheet; progress, per-row errors and totals arrive line by line while the server imports. */
export function ImportPage() {
  const [running, setRunning] = useState(false);
  const [totals, setTotals] = useState<ImportTotals | null>(null);
  const [errors, setErrors] = useState<ImportRowError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const start = async (file: File) => {
    setRunning(true);
    setTotals(null);
    setErrors([]);
    setDone(null);
    setFailure(null);
    const found: ImportRowError[] = [];
    try {
      await streamImport(file, (e) => {
        if (e.type === 'error') {
          if (found.length < SHOWN_ERRORS) found.push({ row: e.row, field: e.field, message: e.message });
          return;
        }
        if (e.type === 'failed') return setFailure(e.message);
        const { type: _t, ...t } = e;
        setTotals(t);
        setErrors([...found]);
        if (e.type === 'done') setDone(`用时 ${e.seconds.toFixed(1)} 秒`);
      });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setErrors([...found]);
      setRunning(false);
    }
  };
  return (
    <div>
      <PageHeader
        top={<Link to="/beneficiaries">← 救助对象</Link>}
        title="导入救助对象"
        subtitle="一行一名成员，同户成员填写相同的户编号并相邻排列；有误的行逐行列出，其余行照常导入"
        extra={<a href="/api/beneficiaries/import/template">下载导入模板</a>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => (void start(f), false)}
          disabled={running}
        >
          <Button icon={<UploadOutlined />} type="primary" loading={running}>
            选择 .xlsx 文件并导入
          </Button>
        </Upload>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          最大 200 MB（约 300 万行）。导入边读边存，每约 4,000 行保存一次；中途断开时，已保存的批次保留。
        </Typography.Paragraph>
      </Card>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      {totals && (
        <Card size="small" style={{ marginBottom: 12 }} title={done ? `导入完成（${done}）` : '正在导入…'}>
          {!done && <Progress percent={99} status="active" showInfo={false} />}
          <Space wrap size={24}>
            <Statistic title="已读取行" value={totals.processed} />
            <Statistic title="已导入（人）" value={totals.ok} />
            <Statistic title="已导入（户）" value={totals.households} />
            <Statistic
              title="有误的行"
              value={totals.failed}
              valueStyle={totals.failed ? { color: '#cf1322' } : undefined}
            />
            <Statistic title="同户有误未导入" value={totals.skipped} />
          </Space>
        </Card>
      )}
      {errors.length > 0 && (
        <Card
          size="small"
          title={`有误的行${totals && totals.failed > errors.length ? `（显示前 ${errors.length} 条）` : ''}`}
        >
          <Table<ImportRowError>
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
            dataSource={errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            tableLayout="fixed"
            columns={[
              { title: '行', dataIndex: 'row', width: 56 },
              { title: '列', dataIndex: 'field', width: 96 },
              {
                title: '问题',
                dataIndex: 'message',
                render: (m: string) => <span style={{ overflowWrap: 'anywhere' }}>{m}</span>,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
