import type { ThemeConfig } from 'antd';

/** The platform's look: a government blue, system Chinese fonts, slightly rounder corners. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerPadding: '0 16px',
      headerHeight: 56,
      siderBg: '#0f1f3d',
      bodyBg: '#f3f5f9',
    },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0f1f3d', darkItemSelectedBg: '#1d4ed8' },
  },
};
