import { Suspense, useEffect, useState } from 'react';
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useUser } from '../lib/auth';
import { useIsMobile } from '../lib/responsive';
import { FullPageSpin } from '../components/StatusPages';
import { navItemsFor, navKeyOf } from './menu';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

function Brand({ light }: { light?: boolean }) {
  return (
    <div className={light ? 'fx-brand fx-brand-light' : 'fx-brand'}>
      <span className="fx-brand-mark">防</span>
      <span className="fx-brand-text">防线</span>
    </div>
  );
}

/** The signed-in shell: side menu (a drawer on phones), header with the account, and the page. */
export function AppLayout() {
  const user = useUser();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const nav = navItemsFor(user.permissions, !!user.institutionId);
  const items: MenuProps['items'] = nav.map((item) => ({
    key: item.key,
    icon: item.icon,
    label: item.label,
  }));
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const item = nav.find((n) => n.key === key);
    if (item) void navigate(item.path);
    setDrawerOpen(false);
  };
  const selected = [navKeyOf(location.pathname)];
  const pageLabel = nav.find((n) => n.key === selected[0])?.label;

  useEffect(() => {
    document.title = pageLabel ? `${pageLabel} · 防线` : '防线 · 民政疫情防控与应急救助平台';
  }, [pageLabel]);

  return (
    <Layout className="fx-app">
      {!mobile ? (
        <Layout.Sider width={216} theme="dark" className="fx-sider">
          <Brand />
          <Menu theme="dark" mode="inline" items={items} selectedKeys={selected} onClick={onClick} />
        </Layout.Sider>
      ) : null}
      <Layout>
        <Layout.Header className="fx-header">
          {mobile ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label="打开菜单"
                onClick={() => setDrawerOpen(true)}
              />
              <Brand light />
            </>
          ) : (
            <span className="fx-header-title">民政疫情防控与应急救助平台</span>
          )}
          <div className="fx-header-spacer" />
          {user.permissions.includes('notifications:read') ? <NotificationBell /> : null}
          <UserMenu compact={mobile} />
        </Layout.Header>
        <Layout.Content className="fx-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          title={<Brand light />}
          styles={{ body: { padding: 0 } }}
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected}
            onClick={onClick}
            style={{ borderInlineEnd: 0 }}
          />
        </Drawer>
      ) : null}
    </Layout>
  );
}
