import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { auditApi } from '../../api/audit';
import { errorMessage } from '../../api/client';
import { formatCount } from '../../lib/format';

/** Checks the hash chain of the whole audit log and says whether it is intact. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => auditApi.verify() });
}

export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      校验审计链
    </Button>
  );
}

export function VerifyResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  if (verify.error) {
    return (
      <Alert
        type="error"
        showIcon
        title="校验失败"
        description={errorMessage(verify.error)}
        closable
        onClose={() => verify.reset()}
        className="fx-block"
      />
    );
  }
  const result = verify.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title="审计链完整"
        description={`已校验 ${formatCount(result.checked)} 条记录，哈希链连续，未发现篡改或删除。`}
        closable
        onClose={() => verify.reset()}
        className="fx-block"
        role="status"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title="审计链已损坏"
      description={`已校验 ${formatCount(result.checked)} 条记录；第一条异常记录序号：${result.firstBrokenSeq ?? '未知'}。${result.reason ? `原因：${result.reason}` : ''}请立即报告安全管理员。`}
      closable
      onClose={() => verify.reset()}
      className="fx-block"
      role="alert"
    />
  );
}
