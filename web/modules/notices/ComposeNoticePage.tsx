import { useMemo, useState } from 'react';
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { institutionsApi } from '../../api/institutions';
import { noticesApi } from '../../api/notices';
import { regionsApi } from '../../api/regions';
import { errorMessage } from '../../api/client';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { useIsMobile } from '../../lib/responsive';
import { useDebounced } from '../../lib/use-debounced';
import { PageHeader } from '../../components/PageHeader';
import { useInvalidateNotices } from './queries';

interface ComposeForm {
  title: string;
  body: string;
  regionCodes: string[];
  institutionIds: string[];
  ackDeadline?: Dayjs | null;
}

const ALLOWED = ['.pdf', '.jpg', '.jpeg', '.png', '.docx'];
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

type Uploaded = UploadFile & { attachmentId?: string };

/** Institutions found by name as the user types; chosen ones keep their labels. */
function InstitutionSearch({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['institutions', 'list', { q, pageSize: 20, purpose: 'notice' }],
    queryFn: () => institutionsApi.list({ q: q || undefined, pageSize: 20 }),
  });
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((i) => ({
      value: i.id,
      label: i.name,
      hint: `${INSTITUTION_TYPE_LABELS[i.type]} · ${i.regionName}`,
    }));
    for (const v of value ?? []) {
      if (!list.some((o) => o.value === v)) list.unshift({ value: v, label: labels[v] ?? v, hint: '' });
    }
    return list;
  }, [found.data, value, labels]);

  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v, opts) => {
        const next = { ...labels };
        for (const o of Array.isArray(opts) ? opts : [])
          if (o?.value && typeof o.label === 'string') next[String(o.value)] = o.label;
        setLabels(next);
        onChange?.(v);
      }}
      placeholder="输入机构名称搜索（选填）"
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch('')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '正在搜索…' : '没有找到管辖范围内的机构'}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.hint ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.hint}
            </Typography.Text>
          ) : null}
        </div>
      )}
    />
  );
}

export function ComposeNoticePage() {
  const me = useUser();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const invalidate = useInvalidateNotices();
  const [form] = Form.useForm<ComposeForm>();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const children = useQuery({
    queryKey: ['regions', me.regionCode, 'children'],
    queryFn: () => regionsApi.children(me.regionCode),
  });
  const regionOptions = (children.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }));

  const uploading = files.some((f) => f.status === 'uploading');

  const addFile = async (file: File) => {
    const uid = `${Date.now()}-${file.name}`;
    setFiles((list) => [...list, { uid, name: file.name, status: 'uploading' }]);
    try {
      const a = await noticesApi.uploadAttachment(file, file.name);
      setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, status: 'done', attachmentId: a.id } : f)));
    } catch (e) {
      setFiles((list) =>
        list.map((f) => (f.uid === uid ? { ...f, status: 'error', response: errorMessage(e) } : f)),
      );
      message.error(`${file.name}：${errorMessage(e)}`);
    }
  };

  const check = (file: File): string | null => {
    const lower = file.name.toLowerCase();
    if (!ALLOWED.some((ext) => lower.endsWith(ext))) return '附件只能是 PDF、JPG、PNG 或 Word（.docx）文件';
    if (file.size > MAX_BYTES) return '附件不能超过 10 MB';
    if (files.length >= MAX_FILES) return `最多 ${MAX_FILES} 个附件`;
    return null;
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSending(true);
    setError(null);
    try {
      const sent = await noticesApi.send({
        title: values.title.trim(),
        body: values.body.trim(),
        regionCodes: values.regionCodes ?? [],
        institutionIds: values.institutionIds ?? [],
        ackDeadline: values.ackDeadline ? values.ackDeadline.toISOString() : null,
        attachmentIds: files.filter((f) => f.attachmentId).map((f) => f.attachmentId!),
      });
      message.success(`已发送给 ${sent.recipientCount} 个单位`);
      invalidate();
      void navigate(`/notices/${sent.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="fx-form-page">
      <PageHeader
        top={
          <Link to="/notices?box=outbox" className="fx-back">
            <ArrowLeftOutlined /> 发件箱
          </Link>
        }
        title="发通知"
        subtitle={`以 ${me.regionName} 的名义发给下级区划或机构`}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ComposeForm>
        form={form}
        layout="vertical"
        initialValues={{ regionCodes: [], institutionIds: [] }}
      >
        <Card size="small" className="fx-block">
          <Form.Item
            name="title"
            label="标题"
            rules={[
              { required: true, whitespace: true, message: '请填写标题' },
              { min: 2, max: 200, message: '标题为 2–200 个字' },
            ]}
          >
            <Input placeholder="例如：关于进一步加强养老机构疫情防控工作的通知" />
          </Form.Item>
          <Form.Item
            name="body"
            label="正文"
            rules={[
              { required: true, whitespace: true, message: '请填写正文' },
              { max: 20000, message: '正文最多 20000 个字' },
            ]}
          >
            <Input.TextArea rows={8} />
          </Form.Item>
        </Card>
        <Card size="small" title="接收单位" className="fx-block">
          <Form.Item
            name="regionCodes"
            label={
              <Flex gap={8} align="center">
                <span>下级区划</span>
                {regionOptions.length ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() =>
                      form.setFieldValue(
                        'regionCodes',
                        regionOptions.map((o) => o.value),
                      )
                    }
                  >
                    全选
                  </Button>
                ) : null}
              </Flex>
            }
            extra="各下级民政部门在收件箱中签收"
            dependencies={['institutionIds']}
            rules={[
              {
                validator: (_, v: string[] | undefined) =>
                  (v?.length ?? 0) +
                    ((form.getFieldValue('institutionIds') as string[] | undefined)?.length ?? 0) >
                  0
                    ? Promise.resolve()
                    : Promise.reject(new Error('请至少选择一个下级区划或机构')),
              },
            ]}
          >
            <Select
              mode="multiple"
              placeholder="选择下级区划"
              options={regionOptions}
              loading={children.isLoading}
              optionFilterProp="label"
              maxTagCount={mobile ? 3 : 8}
            />
          </Form.Item>
          <Form.Item name="institutionIds" label="机构（选填）" extra="机构填报员在收件箱中签收">
            <InstitutionSearch />
          </Form.Item>
        </Card>
        <Card size="small" title="签收与附件" className="fx-block">
          <Form.Item
            name="ackDeadline"
            label="签收期限（选填）"
            rules={[
              {
                validator: (_, v: Dayjs | null | undefined) =>
                  !v || v.isAfter(dayjs())
                    ? Promise.resolve()
                    : Promise.reject(new Error('签收期限须晚于现在')),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly={mobile}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            />
          </Form.Item>
          <Form.Item label="附件（选填）" extra="PDF、JPG、PNG、Word（.docx），每个不超过 10 MB，最多 10 个">
            <Upload
              accept={ALLOWED.join(',')}
              multiple
              fileList={files}
              beforeUpload={(file) => {
                const problem = check(file);
                if (problem) message.error(`${file.name}：${problem}`);
                else void addFile(file);
                return Upload.LIST_IGNORE;
              }}
              onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
        </Card>
        <Flex gap={8} justify="flex-end" className="fx-form-actions">
          <Button onClick={() => void navigate('/notices?box=outbox')}>取消</Button>
          <Button type="primary" loading={sending} disabled={uploading} onClick={() => void submit()}>
            发送
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
