import { useMemo, useState } from 'react';
import { Select } from 'antd';

export interface OpenSelectProps {
  value?: string;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
  placeholder: string;
  className?: string;
  /** Label of the extra choice made from what was typed. */
  typedLabel: (text: string) => string;
}

/** A searchable select that also offers exactly what was typed (for codes the list does not know yet). */
export function OpenSelect({
  value,
  onChange,
  options,
  placeholder,
  className,
  typedLabel,
}: OpenSelectProps) {
  const [typed, setTyped] = useState('');
  const all = useMemo(() => {
    const text = typed.trim();
    const list = [...options];
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: value });
    if (text && !list.some((o) => o.value === text)) list.unshift({ value: text, label: typedLabel(text) });
    return list;
  }, [options, typed, value, typedLabel]);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: ['label', 'value'], onSearch: setTyped, searchValue: typed }}
      onOpenChange={(open) => !open && setTyped('')}
      placeholder={placeholder}
      value={value}
      onChange={(v?: string) => onChange(v ?? undefined)}
      options={all}
      className={className}
    />
  );
}
