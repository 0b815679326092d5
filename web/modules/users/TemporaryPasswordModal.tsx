import { Alert, Descriptions, Modal, Typography } from 'antd';

export interface TemporaryPassword {
  username: string;
  name: string;
  password: string;
  reason: 'created' | 'reset';
}

/** Shows a generated password once; it cannot be fetched again. */
export function TemporaryPasswordModal({
  value,
  onClose,
}: {
  value: TemporaryPassword | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={!!value}
      title={value?.reason === 'reset' ? '密码已重置' : '用户已创建'}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      // Above the edit drawer, which may have opened after this modal's first use.
      zIndex={1100}
    >
      {value ? (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="临时密码只显示这一次"
            description="请通过安全的渠道告知本人。用户首次登录时必须修改密码。"
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="用户">
              {value.name}（{value.username}）
            </Descriptions.Item>
            <Descriptions.Item label="临时密码">
              <Typography.Text code copyable={{ text: value.password }} className="fx-temp-password">
                {value.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
