import { Result } from 'antd';

/** The local database is unavailable (corrupt, read-only, disk full): nothing can be saved, say so plainly. */
export function StorageError({ message }: { message: string }) {
  return (
    <div className="storage-error" role="alert">
      <Result
        status="error"
        title="本地数据库不可用，暂时不能受理"
        subTitle={message}
        extra={
          <div className="storage-error-help">
            <p>请不要删除或移动数据目录里的文件，以免丢失已登记的工单和草稿。</p>
            <p>请联系管理员检查本机数据目录（磁盘空间、文件权限），处理后重新启动受理台。</p>
          </div>
        }
      />
    </div>
  );
}
