import { useEffect, useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import type { SendState } from '../lib/reliable-send';

function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What a reliable send is doing when the network fails: 正在重试 with a countdown, or paused with the
 * draft kept. Shows nothing while idle or on the first attempt.
 */
export function SendStatus({
  state,
  onRetryNow,
  onStop,
}: {
  state: SendState;
  onRetryNow: () => void;
  onStop: () => void;
}) {
  const seconds = useSecondsUntil(state.phase === 'retrying' ? state.retryAt : null);
  if (state.phase === 'retrying' || (state.phase === 'sending' && state.attempt > 1)) {
    const attempt = state.attempt;
    return (
      <Alert
        type="warning"
        showIcon
        role="status"
        data-testid="send-retrying"
        title={`网络不稳定，正在重试（第 ${attempt} 次${state.phase === 'retrying' && seconds > 0 ? `，${seconds} 秒后` : ''}）`}
        description="填写的内容已保留；重试不会重复报送。"
        action={
          state.phase === 'retrying' ? (
            <Flex vertical gap={4}>
              <Button size="small" type="primary" onClick={onRetryNow}>
                立即重试
              </Button>
              <Button size="small" onClick={onStop}>
                停止
              </Button>
            </Flex>
          ) : undefined
        }
      />
    );
  }
  if (state.phase === 'paused') {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title="暂时无法连接服务器，已停止自动重试"
        description={`${state.error.message}。填写的内容已保留，网络恢复后再点提交即可（不会重复报送）。`}
      />
    );
  }
  return null;
}
