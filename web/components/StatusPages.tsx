import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="没有访问权限"
      subTitle="您的角色没有查看此页面的权限。如需开通，请联系系统管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export function FullPageSpin() {
  return (
    <div className="fx-full-center" role="status" aria-label="正在加载">
      <Spin size="large" />
    </div>
  );
}
