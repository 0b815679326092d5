import { App, Button, Form, Image, Input, Modal, Tag, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CallDetail, SlaClock } from '../../../common/contracts/hotline';
import { errorMessage } from '../../api/client';
import { formatMinute } from '../../lib/format';
import { caseApi } from './api';
import { useInvalidateHotline } from './queries';

const LIGHT_COLOR = { green: '#16a34a', yellow: '#f59e0b', red: '#dc2626', done: '#9ca3af' } as const;

function verdict(c: SlaClock): { text: string; color: string } {
  if (c.notNeeded) return { text: '无需', color: 'default' };
  if (c.slaMet === true) return { text: '按时完成', color: 'success' };
  if (c.slaMet === false) return { text: c.doneAt ? '超时完成' : '已超时', color: 'error' };
  return { text: c.light === 'yellow' ? '即将到期' : '进行中', color: c.light === 'yellow' ? 'warning' : 'processing' };
}

/** One SLA clock: light, what it is, when due, when done, verdict. */
export function ClockRow({ label, clock }: { label: string; clock: SlaClock }) {
  const v = verdict(clock);
  return (
    <div className="fx-clock" data-clock={label}>
      <span className="fx-sla-dot" style={{ background: LIGHT_COLOR[clock.light] }} aria-hidden />
      <div className="fx-clock-body">
        <div className="fx-strong">{label}</div>
        <div className="fx-muted fx-small">
          {clock.dueAt ? `时限 ${formatMinute(clock.dueAt)}` : '无时限'}
          {clock.doneAt ? ` · 完成 ${formatMinute(clock.doneAt)}` : ''}
        </div>
      </div>
      <Tag color={v.color}>{v.text}</Tag>
    </div>
  );
}

/** 时限达标 / 时限未达标 for the whole case (the county's view). */
export function SlaMetTag({ slaMet }: { slaMet: boolean | null }) {
  if (slaMet === true) return <Tag color="success">时限达标</Tag>;
  if (slaMet === false) return <Tag color="error">时限未达标</Tag>;
  return null;
}

/** Photos of the home verification: thumbnails (each view is audited), and an upload for the handler. */
export function Photos({ call, canUpload }: { call: CallDetail; canUpload: boolean }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const [busy, setBusy] = useState(false);
  return (
    <div>
      {call.photos.length ? (
        <Image.PreviewGroup>
          <div className="fx-photos">
            {call.photos.map((p) => (
              <Image key={p.id} src={caseApi.photoUrl(call.id, p.id)} width={96} height={96} style={{ objectFit: 'cover' }} alt="入户核实照片" />
            ))}
          </div>
        </Image.PreviewGroup>
      ) : (
        <div className="fx-muted fx-small">暂无照片</div>
      )}
      {canUpload ? (
        <Upload
          accept="image/jpeg,image/png"
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            setBusy(true);
            caseApi
              .uploadPhoto(call.id, file as File)
              .then((p) => {
                onSuccess?.(p);
                void message.success('照片已上传');
              })
              .catch((e: unknown) => {
                onError?.(e as Error);
                void message.error(errorMessage(e));
              })
              .finally(() => {
                setBusy(false);
                invalidate();
              });
          }}
        >
          <Button icon={<CameraOutlined />} loading={busy} style={{ marginTop: 8 }}>
            上传核实照片（jpg、png，10 MB 以内）
          </Button>
        </Upload>
      ) : null}
    </div>
  );
}

/** 查看完整信息: needs personal:reveal and a reason; the server audits every reveal. */
export function RevealButton({ callId }: { callId: string }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({ mutationFn: (reason: string) => caseApi.reveal(callId, reason) });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        查看完整信息
      </Button>
      <Modal open={open} title="查看来电人完整信息" footer={null} onCancel={() => (setOpen(false), reveal.reset())} destroyOnHidden>
        {reveal.data ? (
          <div className="fx-break">
            <div>姓名：{reveal.data.callerName}</div>
            <div>
              电话：<a href={`tel:${reveal.data.callerPhone}`}>{reveal.data.callerPhone}</a>
            </div>
            <div>地址：{reveal.data.address}</div>
            <div className="fx-muted fx-small">本次查看已留痕</div>
          </div>
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate(v.reason)}>
            <Form.Item name="reason" label="查看原因" rules={[{ required: true, min: 5, message: '请说明查看原因（至少 5 个字）' }]}>
              <Input placeholder="如：入户核实前电话联系" maxLength={200} />
            </Form.Item>
            {reveal.error ? <div className="fx-danger fx-small">{errorMessage(reveal.error)}</div> : null}
            <Button type="primary" htmlType="submit" loading={reveal.isPending}>
              查看（留痕）
            </Button>
          </Form>
        )}
      </Modal>
    </>
  );
}

/** 办结: closes the case, with or without assistance; stops the clocks still running. */
export function CloseButton({ callId }: { callId: string }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const close = useMutation({
    mutationFn: (note: string) => caseApi.close(callId, { note }),
    onSuccess: () => (setOpen(false), void message.success('个案已办结')),
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: invalidate,
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>办结</Button>
      <Modal open={open} title="办结个案" okText="办结" cancelText="取消" confirmLoading={close.isPending} onCancel={() => setOpen(false)} onOk={() => void form.validateFields().then((v) => close.mutate(v.note))} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="note" label="办结说明" rules={[{ required: true, min: 2, message: '请填写办结说明' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：已发放临时救助；或：咨询类，已解答" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
