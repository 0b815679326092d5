import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Radio, Select, message } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { RescuePersonDetail, RevealedPerson } from '../../../common/contracts/rescue';
import {
  RESCUE_HELP_KINDS,
  RESCUE_HELP_KIND_LABELS,
  RESCUE_PLACEMENT_KINDS,
  RESCUE_PLACEMENT_KIND_LABELS,
  type RescueHelpKind,
  type RescuePlacementKind,
} from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { institutionsApi } from '../../api/institutions';
import { Sheet } from '../../components/Sheet';
import { useUser } from '../../lib/auth';
import { rescueApi, usePersonActions } from './queries';

type Actions = ReturnType<typeof usePersonActions>;
interface SheetProps {
  open: boolean;
  onClose: () => void;
}

/** 登记帮扶: what was given, the amount in yuan (stored in fen). */
export function HelpSheet({ open, onClose, actions }: SheetProps & { actions: Actions }) {
  const [form] = Form.useForm<{ kind: RescueHelpKind; yuan?: number | null; note?: string }>();
  const submit = (v: { kind: RescueHelpKind; yuan?: number | null; note?: string }) =>
    actions.help.mutate(
      {
        kind: v.kind,
        ...(v.yuan != null ? { amountFen: Math.round(v.yuan * 100) } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success('已登记帮扶');
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Sheet
      open={open}
      title="登记救助帮扶"
      onClose={onClose}
      closable={!actions.help.isPending}
      footer={
        <Button type="primary" block loading={actions.help.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'food' }}>
        <Form.Item name="kind" label="帮扶内容">
          <Radio.Group
            optionType="button"
            options={RESCUE_HELP_KINDS.map((k) => ({ value: k, label: RESCUE_HELP_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="yuan" label="金额（元，可不填）">
          <InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input placeholder="如：遵义至重庆北 K1234 次硬座" maxLength={200} />
        </Form.Item>
      </Form>
    </Sheet>
  );
}

/** 安置: a rescue station in scope (a minor waits for screening), home, a hospital, or declined. */
export function PlaceSheet({
  open,
  onClose,
  actions,
  person,
}: SheetProps & { actions: Actions; person: RescuePersonDetail }) {
  const user = useUser();
  const [form] = Form.useForm<{ kind: RescuePlacementKind; institutionId?: string; note?: string }>();
  const kind = Form.useWatch('kind', form);
  const stations = useQuery({
    queryKey: ['institutions', 'stations', user.regionCode, person.minor],
    queryFn: async () => {
      const types = person.minor
        ? (['rescue_station', 'minor_protection'] as const)
        : (['rescue_station'] as const);
      const lists = await Promise.all(
        types.map((type) => institutionsApi.list({ region: user.regionCode, type, pageSize: 100 })),
      );
      return lists.flatMap((l) => l.items);
    },
    enabled: open,
  });
  const submit = (v: { kind: RescuePlacementKind; institutionId?: string; note?: string }) =>
    actions.place.mutate(
      {
        kind: v.kind,
        ...(v.kind === 'station' && v.institutionId ? { institutionId: v.institutionId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: (p) => {
          void message.success(p.status === 'screening' ? '已送筛查：筛查完成后确认入站' : '已安置');
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Sheet
      open={open}
      title="安置"
      onClose={onClose}
      closable={!actions.place.isPending}
      footer={
        <Button type="primary" block loading={actions.place.isPending} onClick={() => form.submit()}>
          确定
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'station' }}>
        <Form.Item name="kind" label="去向">
          <Radio.Group
            options={RESCUE_PLACEMENT_KINDS.map((k) => ({
              value: k,
              label: RESCUE_PLACEMENT_KIND_LABELS[k],
            }))}
          />
        </Form.Item>
        {kind === 'station' ? (
          <Form.Item
            name="institutionId"
            label="救助管理站"
            rules={[{ required: true, message: '请选择救助管理站' }]}
          >
            <Select
              loading={stations.isLoading}
              placeholder="选择机构"
              options={(stations.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        ) : null}
        {kind === 'station' && person.minor ? (
          <Alert
            type="warning"
            showIcon
            className="fx-block"
            title="未成年人先送定点医院健康检查和传染病筛查"
            description="将在该站登记入站前隔离（流浪未成年人），筛查完成后才能确认入站。"
          />
        ) : null}
        <Form.Item name="note" label="说明">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Sheet>
  );
}

/** 结案 with a reason. */
export function CloseSheet({ open, onClose, actions }: SheetProps & { actions: Actions }) {
  const [reason, setReason] = useState('');
  const submit = () =>
    actions.close.mutate(reason.trim(), {
      onSuccess: () => {
        void message.success('已结案');
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Sheet
      open={open}
      title="结案"
      onClose={onClose}
      footer={
        <Button
          danger
          type="primary"
          block
          disabled={reason.trim().length < 2}
          loading={actions.close.isPending}
          onClick={submit}
        >
          结案
        </Button>
      }
    >
      <Input.TextArea
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="结案原因，如：家属接回、自行离开"
        maxLength={200}
      />
    </Sheet>
  );
}

/** 查看完整信息: with a reason, audited; the answer is shown only in this sheet. */
export function RevealSheet({ open, onClose, personId }: SheetProps & { personId: string }) {
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<RevealedPerson | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setShown(null);
    setReason('');
    onClose();
  };
  const submit = () => {
    setBusy(true);
    rescueApi
      .reveal(personId, reason.trim())
      .then(setShown)
      .catch((e: unknown) => void message.error(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Sheet
      open={open}
      title="查看完整个人信息"
      onClose={close}
      footer={
        shown ? (
          <Button block onClick={close}>
            关闭
          </Button>
        ) : (
          <Button type="primary" block disabled={reason.trim().length < 5} loading={busy} onClick={submit}>
            查看（留痕）
          </Button>
        )
      }
    >
      {shown ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="姓名">{shown.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{shown.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="电话">{shown.phone ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="查看原因（至少 5 个字），如：联系家属核实身份"
          maxLength={200}
        />
      )}
    </Sheet>
  );
}
