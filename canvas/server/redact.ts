/** A connection string as shown in logs and errors: any password replaced by `***`. */
export const redact = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
