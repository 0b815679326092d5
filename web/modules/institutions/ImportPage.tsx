import { useEffect, useMemo, useState } from 'react';
import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Segmented, Spin, Steps, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { ImportPreview, ImportResult, ImportRow } from '../../../common/contracts/institutions';
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES } from '../../../common/enums';
import { institutionFiles, institutionsApi } from '../../api/institutions';
import { errorMessage } from '../../api/client';
import { useUser } from '../../lib/auth';
import { useIsMobile } from '../../lib/responsive';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { useInvalidateInstitutions } from './queries';

const MAX_BYTES = 5 * 1024 * 1024;
const PAGE_SIZE = 20;

function RowProblems({ row }: { row: ImportRow }) {
  if (row.errors.length === 0)
    return (
      <Typography.Text type="success">
        <CheckCircleFilled /> 可导入
      </Typography.Text>
    );
  return (
    <ul className="fx-problems">
      {row.errors.map((e, n) => (
        <li key={n}>
          <CloseCircleFilled className="fx-danger" /> <b>{e.field}</b>：{e.message}
        </li>
      ))}
    </ul>
  );
}

const rowColumns: TableColumnsType<ImportRow> = [
  {
    title: '行号',
    key: 'row',
    width: 90,
    render: (_, r) => <span className="fx-nowrap">第 {r.row} 行</span>,
  },
  {
    title: '机构名称',
    key: 'name',
    render: (_, r) => r.name ?? <span className="fx-muted">（未填写）</span>,
  },
  {
    title: '结果',
    key: 'ok',
    width: 90,
    render: (_, r) => (r.errors.length ? <Tag color="red">有问题</Tag> : <Tag color="green">可导入</Tag>),
  },
  { title: '问题说明', key: 'errors', render: (_, r) => (r.errors.length ? <RowProblems row={r} /> : '—') },
];

function RowCard({ row }: { row: ImportRow }) {
  return (
    <Flex vertical gap={4} data-import-row={row.row}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong className="fx-break">
          第 {row.row} 行 · {row.name ?? '（未填写名称）'}
        </Typography.Text>
        {row.errors.length ? <Tag color="red">有问题</Tag> : <Tag color="green">可导入</Tag>}
      </Flex>
      {row.errors.length ? <RowProblems row={row} /> : null}
    </Flex>
  );
}

/** Rows paged in the browser (the whole dry run is already here). */
function RowList({ rows, emptyText }: { rows: ImportRow[]; emptyText: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  return (
    <DataView<ImportRow>
      rows={shown}
      rowKey={(r) => String(r.row)}
      columns={rowColumns}
      renderCard={(r) => <RowCard row={r} />}
      emptyText={emptyText}
      paging={{
        page,
        pageSize,
        total: rows.length,
        onChange: (p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        },
      }}
    />
  );
}

type Filter = 'all' | 'invalid' | 'valid';

/** Template -> upload -> dry run of every row (nothing saved) -> confirm -> what was stored and skipped. */
export function ImportPage() {
  const me = useUser();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const invalidate = useInvalidateInstitutions();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  const step = result ? 2 : preview ? 1 : 0;
  // Each step starts at the top: the confirm button sits at the bottom of a long dry run.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  const send = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const p = await institutionsApi.previewImport(file, file.name);
      setPreview(p);
      setFilter('all');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const check = (file: File): boolean => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setError('只能上传 .xlsx 格式的 Excel 文件（请使用导入模板，另存为 .xlsx）');
      return false;
    }
    if (file.size > MAX_BYTES) {
      setError('文件超过 5 MB，请拆分后分批导入');
      return false;
    }
    return true;
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await institutionsApi.confirmImport(preview.importId);
      setResult(r);
      invalidate();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const rows = useMemo(() => {
    const all = preview?.rows ?? [];
    if (filter === 'invalid') return all.filter((r) => r.errors.length > 0);
    if (filter === 'valid') return all.filter((r) => r.errors.length === 0);
    return all;
  }, [preview, filter]);

  return (
    <div>
      <PageHeader
        top={
          <Link to="/institutions" className="fx-back">
            <ArrowLeftOutlined /> 机构名录
          </Link>
        }
        title="批量导入机构"
        subtitle={`导入到 ${me.regionName} 管辖范围内`}
      />
      <Steps
        current={step}
        size="small"
        responsive={false}
        titlePlacement={mobile ? 'vertical' : 'horizontal'}
        className="fx-block fx-steps"
        items={[{ title: '上传表格' }, { title: '核对预检结果' }, { title: '完成' }]}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setError(null) }}
        />
      ) : null}

      {step === 0 ? (
        <Flex vertical gap={16}>
          <Card size="small" title="第一步：下载导入模板并填写">
            <Flex vertical gap={8}>
              <Typography.Paragraph style={{ margin: 0 }}>
                每行一家机构。<b>机构类型</b>填写中文名称（
                {INSTITUTION_TYPES.map((t) => INSTITUTION_TYPE_LABELS[t]).join('、')}）；<b>区划代码</b>
                填写机构所在乡镇(街道)或村(社区)的 12 位统计用区划代码；<b>集中供养特困人员</b>填“是”或“否”；
                电话为手机号或带区号的固定电话。
              </Typography.Paragraph>
              <div>
                <Button icon={<DownloadOutlined />} href={institutionFiles.templateUrl}>
                  下载导入模板
                </Button>
              </div>
            </Flex>
          </Card>
          <Card size="small" title="第二步：上传填好的表格">
            <Spin spinning={busy} description="正在检查每一行…">
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                showUploadList={false}
                beforeUpload={(file) => {
                  if (check(file)) void send(file);
                  return Upload.LIST_IGNORE;
                }}
                disabled={busy}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击选择或拖入 Excel 文件</p>
                <p className="ant-upload-hint">
                  仅限 .xlsx，不超过 5 MB。上传后先预检，确认前不会保存任何数据。
                </p>
              </Upload.Dragger>
            </Spin>
          </Card>
        </Flex>
      ) : null}

      {step === 1 && preview ? (
        <Flex vertical gap={12}>
          <Alert
            type={preview.invalid > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            title={`“${preview.fileName}”共 ${preview.total} 行：可导入 ${preview.valid} 行，有问题 ${preview.invalid} 行`}
            description={
              preview.invalid > 0
                ? '以下为预检结果，尚未保存任何数据。确认导入时只保存没有问题的行，有问题的行将被跳过；也可以修改表格后重新上传。'
                : '以下为预检结果，尚未保存任何数据。请确认后导入。'
            }
          />
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: `全部 ${preview.total}` },
              { value: 'invalid', label: `有问题 ${preview.invalid}` },
              { value: 'valid', label: `可导入 ${preview.valid}` },
            ]}
          />
          <RowList
            key={filter}
            rows={rows}
            emptyText={filter === 'invalid' ? '没有有问题的行' : '没有数据行'}
          />
          <Flex gap={8} justify="flex-end" wrap className="fx-form-actions">
            <Button onClick={restart} disabled={busy}>
              重新上传
            </Button>
            <Button
              type="primary"
              loading={busy}
              disabled={preview.valid === 0}
              onClick={() => void confirm()}
            >
              {preview.valid === 0 ? '没有可导入的行' : `确认导入 ${preview.valid} 家机构`}
            </Button>
          </Flex>
        </Flex>
      ) : null}

      {step === 2 && result ? (
        <Flex vertical gap={12}>
          <Result
            status={result.skipped.length ? 'warning' : 'success'}
            title={`已导入 ${result.created} 家机构`}
            subTitle={
              result.skipped.length
                ? `${result.skipped.length} 行未导入，原因见下表；修改后可再次导入这些行。`
                : '全部行均已导入。'
            }
            extra={[
              <Button type="primary" key="list" onClick={() => void navigate('/institutions')}>
                查看机构名录
              </Button>,
              <Button key="again" onClick={restart}>
                继续导入
              </Button>,
            ]}
          />
          {result.skipped.length ? (
            <Card size="small" title={`未导入的行（${result.skipped.length}）`}>
              <RowList rows={result.skipped} emptyText="没有跳过的行" />
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </div>
  );
}
