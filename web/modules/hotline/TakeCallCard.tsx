import { useState } from 'react';
import { HistoryOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Spin, Typography } from 'antd';
import type { HotlineCall } from '../../../common/contracts/hotline';
import {
  HOTLINE_CATEGORIES,
  HOTLINE_CATEGORY_LABELS,
  HOTLINE_URGENCIES,
  HOTLINE_URGENCY_LABELS,
  type HotlineCategory,
  type HotlineUrgency,
} from '../../../common/enums';
import { MOBILE_PATTERN, normalizePhone } from '../../../common/phone';
import { regionLevel } from '../../../common/region-code';
import { errorMessage, isApiError } from '../../api/client';
import { hotlineApi } from '../../api/hotline';
import { useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { newIdempotencyKey, SendPausedError, useReliableSend } from '../../lib/reliable-send';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { SendStatus } from '../../components/SendStatus';
import { CallStatusTag, CategoryTag, SlaLight, UrgencyTag } from './HotlineBits';
import { useCallerHistory, useInvalidateHotline } from './queries';

interface Values {
  callerName: string;
  callerPhone: string;
  regionCode?: string;
  address: string;
  category: HotlineCategory;
  urgency: HotlineUrgency;
  content: string;
}

const LANDLINE = /^0\d{9,11}$/;

/** A number complete enough to look up: a full mobile, or a landline with its area code. */
function lookupable(raw: string | undefined): string | null {
  const p = normalizePhone(raw ?? '');
  return MOBILE_PATTERN.test(p) || LANDLINE.test(p) ? p : null;
}

/** The caller's earlier calls, shown while the call is being taken. */
function CallerHistory({ phone }: { phone: string }) {
  const history = useCallerHistory(phone);
  const items = history.data?.items ?? [];
  return (
    <Card
      size="small"
      className="fx-block"
      data-testid="caller-history"
      title={
        <span>
          <HistoryOutlined /> 该号码的历史来电
          {history.data ? `（${history.data.total} 次）` : ''}
        </span>
      }
    >
      {history.error ? <QueryError error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.isLoading ? <Spin size="small" /> : null}
      {history.data && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="首次来电，没有历史记录" />
      ) : null}
      {items.map((c: HotlineCall) => (
        <div key={c.id} className="fx-history-item">
          <Flex wrap gap={4} align="center">
            <CategoryTag category={c.category} />
            <UrgencyTag urgency={c.urgency} />
            <CallStatusTag status={c.status} />
            <SlaLight call={c} />
          </Flex>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }} className="fx-break">
            {c.content}
          </Typography.Paragraph>
          <span className="fx-muted fx-small">
            {formatMinute(c.createdAt)} · {c.regionName} · {c.callerName}
            {c.claimedByName ? ` · ${c.claimedByName} 办理` : ''}
          </span>
        </div>
      ))}
    </Card>
  );
}

/** 接听登记: the operator records the call while on the phone. */
export function TakeCallCard() {
  const user = useUser();
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const [form] = Form.useForm<Values>();
  // One key per draft: a retry after a lost answer is recognised and the call is not recorded twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const reliable = useReliableSend();
  const [lookup, setLookup] = useState<string | null>(null);
  // The call just recorded; the answer masks the name, so the name typed is kept beside it.
  const [last, setLast] = useState<{ call: HotlineCall; name: string } | null>(null);

  const submit = async (v: Values) => {
    if (!v.regionCode) return;
    const body = {
      callerName: v.callerName.trim(),
      callerPhone: normalizePhone(v.callerPhone),
      regionCode: v.regionCode,
      address: v.address.trim(),
      category: v.category,
      urgency: v.urgency,
      content: v.content.trim(),
    };
    try {
      const created = await reliable.send(() => hotlineApi.takeCall(body, key));
      setKey(newIdempotencyKey());
      setLast({ call: created, name: body.callerName });
      setLookup(null);
      form.resetFields();
      invalidate();
      void message.success('已登记，已派至困难所在地乡镇（街道）');
    } catch (e) {
      if (e instanceof SendPausedError) return;
      // The draft changed after a send whose answer was lost: a new key makes it a new call.
      if (isApiError(e) && e.status === 422 && /IDEMPOTENCY/i.test(e.code)) setKey(newIdempotencyKey());
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    }
  };

  return (
    <div>
      <Card
        size="small"
        title={
          <span>
            <PhoneOutlined /> 接听登记
          </span>
        }
      >
        {last ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setLast(null) }}
            className="fx-block"
            title={`已登记 ${last.name} 的来电`}
            description={`派至 ${last.call.regionName}，当日须入户核实（${formatMinute(last.call.verifyDueAt)} 前）`}
          />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ urgency: 'normal' }}
          onFinish={(v) => void submit(v)}
          disabled={reliable.busy}
        >
          <Form.Item
            name="callerPhone"
            label="来电号码"
            validateTrigger="onBlur"
            rules={[
              { required: true, message: '请填写来电号码' },
              {
                validator: (_, v: string | undefined) =>
                  !v || lookupable(v) ? Promise.resolve() : Promise.reject(new Error('须为手机号或带区号的固定电话')),
              },
            ]}
          >
            <Input
              inputMode="tel"
              autoComplete="off"
              maxLength={20}
              placeholder="输入 11 位手机号，自动显示历史来电"
              onChange={(e) => {
                const digits = normalizePhone(e.target.value);
                if (MOBILE_PATTERN.test(digits)) setLookup(digits);
                else if (lookup && digits !== lookup) setLookup(null);
              }}
              onBlur={(e) => setLookup(lookupable(e.target.value))}
            />
          </Form.Item>
          {lookup ? <CallerHistory phone={lookup} /> : null}
          <Form.Item
            name="callerName"
            label="来电人"
            rules={[
              { required: true, whitespace: true, message: '请填写来电人姓名' },
              { max: 50, message: '最多 50 字' },
            ]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label="困难所在地（选到乡镇/街道或村/社区）"
            extra="按困难所在地派单，不论户籍"
            rules={[
              { required: true, message: '请选择困难所在地' },
              {
                validator: (_, v: string | undefined) =>
                  !v || ['town', 'village'].includes(regionLevel(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error('请选到乡镇（街道）或村（社区）')),
              },
            ]}
          >
            <RegionPicker rootCode={user.regionCode} placeholder="输入街道、乡镇或社区名称" />
          </Form.Item>
          <Form.Item
            name="address"
            label="详细地址"
            rules={[
              { required: true, whitespace: true, message: '请填写详细地址' },
              { min: 2, message: '请填写详细地址' },
              { max: 200, message: '最多 200 字' },
            ]}
          >
            <Input maxLength={200} placeholder="小区、楼栋、门牌" autoComplete="off" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Radio.Group
              className="fx-hotline-categories"
              optionType="button"
              options={HOTLINE_CATEGORIES.map((c) => ({ value: c, label: HOTLINE_CATEGORY_LABELS[c] }))}
            />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度" rules={[{ required: true, message: '请选择紧急程度' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={HOTLINE_URGENCIES.map((u) => ({ value: u, label: HOTLINE_URGENCY_LABELS[u] }))}
            />
          </Form.Item>
          <Form.Item
            name="content"
            label="诉求内容"
            rules={[
              { required: true, whitespace: true, message: '请记录来电诉求' },
              { min: 2, message: '请记录来电诉求' },
              { max: 4000, message: '最多 4000 字' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={4000} placeholder="困难情况、家庭成员、诉求" />
          </Form.Item>
          <SendStatus state={reliable.state} onRetryNow={reliable.retryNow} onStop={reliable.stop} />
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            icon={<SendOutlined />}
            loading={reliable.busy}
            style={{ marginTop: 8 }}
          >
            登记并派单
          </Button>
        </Form>
      </Card>
    </div>
  );
}
