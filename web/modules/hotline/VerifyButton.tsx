import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { HotlineCall } from '../../../common/contracts/hotline';
import { errorMessage } from '../../api/client';
import { hotlineApi } from '../../api/hotline';
import { useInvalidateHotline } from './queries';

interface VerifyForm {
  visitors: string;
  findings: string;
}

/** 入户核实: the officer holding the case records the home visit; it stops the same-day clock. */
export function VerifyButton({ call }: { call: HotlineCall }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<VerifyForm>();
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const verify = useMutation({
    mutationFn: (values: VerifyForm) => hotlineApi.verify(call.id, values),
    onSuccess: (c) => {
      void message.success(c.clocks.verify.slaMet ? '已记录入户核实（当日完成）' : '已记录入户核实（已超过当日时限）');
      setOpen(false);
    },
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: invalidate,
  });
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        入户核实
      </Button>
      <Modal
        open={open}
        title="入户核实"
        okText="保存"
        cancelText="取消"
        confirmLoading={verify.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => verify.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="visitors" label="核实人员" rules={[{ required: true, message: '请填写核实人员' }]}>
            <Input placeholder="如：街道民政专干、社区网格员" maxLength={100} />
          </Form.Item>
          <Form.Item name="findings" label="核实情况" rules={[{ required: true, min: 2, message: '请填写核实情况' }]}>
            <Input.TextArea rows={4} maxLength={4000} placeholder="家庭情况、困难是否属实、需要的救助" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
