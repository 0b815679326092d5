import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/** The frame of the pages before the app: login, forced password change, 2FA enrolment. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="fx-auth">
      <div className="fx-auth-brand">
        <span className="fx-brand-mark fx-brand-mark-large">防</span>
        <div>
          <div className="fx-auth-name">防线</div>
          <div className="fx-auth-tagline">民政疫情防控与应急救助平台</div>
        </div>
      </div>
      <Card className="fx-auth-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <div className="fx-auth-subtitle">{subtitle}</div> : null}
        {children}
      </Card>
    </div>
  );
}
