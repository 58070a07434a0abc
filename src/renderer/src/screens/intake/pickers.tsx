/** Searchable pickers for jurisdiction and category: name, full pinyin or initials (`wj` → 望京街道). */
import { memo, useMemo, useState } from 'react';
import { Select } from 'antd';
import type { Division, TaxonomyLeaf } from '../../../../shared/contract';
import { searchDivisions, searchTaxonomy } from '../../../../shared/picker-search';

const LIMIT = 60;

interface DivisionSelectProps {
  id: string;
  divisions: readonly Division[];
  level: 'district' | 'street';
  districtCode: string | null; // street level: restricts the pool when set
  value: string | null;
  onChange(division: Division | null): void;
  status?: 'error';
  placeholder: string;
}

export const DivisionSelect = memo(function DivisionSelect({ id, divisions, level, districtCode, value, onChange, status, placeholder }: DivisionSelectProps) {
  const [query, setQuery] = useState('');
  const pool = useMemo(
    () =>
      level === 'district'
        ? divisions.filter((d) => d.districtCode === null)
        : divisions.filter((d) => d.districtCode !== null && (!districtCode || d.districtCode === districtCode)),
    [divisions, level, districtCode],
  );
  const options = useMemo(() => {
    const found = searchDivisions(pool, query, LIMIT);
    const selected = value ? divisions.find((d) => d.code === value) : undefined;
    // While searching, what was typed comes first (Enter takes it); the current value stays listed last.
    if (selected && !found.includes(selected)) {
      if (query) found.push(selected);
      else found.unshift(selected);
    }
    return found.map((d) => ({
      value: d.code,
      label: level === 'street' && !districtCode ? `${d.name}（${d.districtName}）` : d.name,
    }));
  }, [pool, query, value, divisions, level, districtCode]);

  return (
    <Select
      id={id}
      classNames={{ popup: { root: `popup-${id}` } }}
      value={value ?? undefined}
      placeholder={placeholder}
      status={status}
      // No clear button: it would sit in the Tab order between fields. Delete clears instead.
      onKeyDown={(e) => {
        if (e.key === 'Delete' && !query && value) onChange(null);
      }}
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      options={options}
      onChange={(code: string | undefined) => {
        setQuery('');
        onChange(code ? (divisions.find((d) => d.code === code) ?? null) : null);
      }}
      onOpenChange={(open) => {
        if (!open) setQuery('');
      }}
      notFoundContent="没有匹配的区划（可输入名称、拼音或首字母）"
      style={{ width: '100%' }}
    />
  );
});

interface CategorySelectProps {
  id: string;
  leaves: readonly TaxonomyLeaf[];
  value: string;
  onChange(path: string): void;
  status?: 'error';
}

export const CategorySelect = memo(function CategorySelect({ id, leaves, value, onChange, status }: CategorySelectProps) {
  const [query, setQuery] = useState('');
  const options = useMemo(() => {
    const found = searchTaxonomy(leaves, query, LIMIT);
    const selected = value ? leaves.find((l) => l.path === value) : undefined;
    // While searching, what was typed comes first (Enter takes it); the current value stays listed last.
    if (selected && !found.includes(selected)) {
      if (query) found.push(selected);
      else found.unshift(selected);
    }
    const list = found.map((l) => ({ value: l.path, label: `${l.level1} / ${l.level2} / ${l.level3}` }));
    // A restored or suggested path missing from the shipped tree still shows as itself.
    if (value && !selected) list.unshift({ value, label: value.split('/').join(' / ') });
    return list;
  }, [leaves, query, value]);

  return (
    <Select
      id={id}
      classNames={{ popup: { root: `popup-${id}` } }}
      value={value || undefined}
      placeholder="输入分类名称、拼音或首字母搜索（Delete 清空）"
      status={status}
      onKeyDown={(e) => {
        if (e.key === 'Delete' && !query && value) onChange('');
      }}
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      options={options}
      onChange={(path: string | undefined) => {
        setQuery('');
        onChange(path ?? '');
      }}
      onOpenChange={(open) => {
        if (!open) setQuery('');
      }}
      notFoundContent="没有匹配的分类"
      style={{ width: '100%' }}
      popupMatchSelectWidth={420}
    />
  );
});
