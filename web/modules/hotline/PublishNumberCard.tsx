import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PHONE_PATTERN } from '../../../common/contracts/institutions';
import { errorMessage } from '../../api/client';
import { hotlineApi } from '../../api/hotline';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useDirectory, useInvalidateHotline } from './queries';

interface Values {
  regionCode?: string;
  name: string;
  phone: string;
  hours: string;
}

/** 发布热线号码 (hotline:manage), with the numbers already public in the user's region. */
export function PublishNumberCard() {
  const user = useUser();
  const { message } = App.useApp();
  const invalidate = useInvalidateHotline();
  const [form] = Form.useForm<Values>();
  const published = useDirectory(user.regionCode);
  const publish = useMutation({
    mutationFn: (v: Values) =>
      hotlineApi.publishNumber({
        regionCode: v.regionCode!,
        name: v.name.trim(),
        phone: v.phone.trim(),
        hours: v.hours.trim() || '24 小时',
      }),
    onSuccess: (n) => {
      void message.success(`已发布：${n.name} ${n.phone}`);
      form.resetFields();
      invalidate();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    },
  });

  return (
    <Card
      size="small"
      title={
        <span>
          <PhoneOutlined /> 发布 24 小时热线号码
        </span>
      }
      extra={<Link to="/hotline">公开页面</Link>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ regionCode: user.regionCode, hours: '24 小时' }}
        onFinish={(v) => publish.mutate(v)}
        disabled={publish.isPending}
      >
        <Form.Item name="regionCode" label="所属区划" rules={[{ required: true, message: '请选择区划' }]}>
          <RegionPicker rootCode={user.regionCode} />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { min: 2, message: '至少 2 个字' },
            { max: 100, message: '最多 100 字' },
          ]}
        >
          <Input maxLength={100} placeholder="如：红花岗区民政局救助热线" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="号码"
          rules={[
            { required: true, message: '请填写号码' },
            { pattern: PHONE_PATTERN, message: '须为手机号或带区号的固定电话，如 0851-28221234' },
          ]}
        >
          <Input inputMode="tel" maxLength={20} placeholder="0851-28221234" />
        </Form.Item>
        <Form.Item name="hours" label="服务时间" rules={[{ max: 50, message: '最多 50 字' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={publish.isPending}>
          发布
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        本辖区已公开的号码
      </Typography.Title>
      {published.error ? <QueryError error={published.error} onRetry={() => void published.refetch()} /> : null}
      {published.data?.items.length === 0 ? <span className="fx-muted">尚未发布号码</span> : null}
      <Flex vertical gap={6}>
        {published.data?.items.map((n) => (
          <Flex key={n.id} justify="space-between" gap={8} wrap>
            <span className="fx-break">
              {n.name} <span className="fx-muted fx-small">{n.regionName}</span>
            </span>
            <span className="fx-strong fx-nowrap">{n.phone}</span>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
