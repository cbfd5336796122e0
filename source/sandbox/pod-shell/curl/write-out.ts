/** curl's `-w/--write-out` template, with the variables a probe or a learner uses. */

export interface TransferReport {
  /** The URL as given, and the last one fetched (after redirects). */
  url: string;
  urlEffective: string;
  method: string;
  scheme: string;
  /** 0 when no response arrived. */
  httpCode: number;
  /** `1.1`, or `0` without a response. */
  httpVersion: string;
  headers: [string, string][];
  remoteIP: string;
  remotePort: number;
  localIP: string;
  localPort: number;
  sizeDownload: number;
  sizeHeader: number;
  sizeRequest: number;
  /** Seconds since the transfer started. */
  times: {
    namelookup: number;
    connect: number;
    appconnect: number;
    pretransfer: number;
    starttransfer: number;
    total: number;
    redirect: number;
  };
  numConnects: number;
  numRedirects: number;
  redirectURL: string;
  exitCode: number;
  errorMessage: string;
}

export interface WriteOut {
  stdout: string;
  stderr: string;
  /** curl's warnings about the template itself (unknown variables). */
  warnings: string[];
}

function headerValue(report: TransferReport, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return report.headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function variable(report: TransferReport, name: string): string | undefined {
  const seconds = (value: number) => value.toFixed(6);
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(report.httpCode).padStart(3, '0');
    case 'http_version':
      return report.httpVersion;
    case 'time_namelookup':
      return seconds(report.times.namelookup);
    case 'time_connect':
      return seconds(report.times.connect);
    case 'time_appconnect':
      return seconds(report.times.appconnect);
    case 'time_pretransfer':
      return seconds(report.times.pretransfer);
    case 'time_starttransfer':
      return seconds(report.times.starttransfer);
    case 'time_total':
      return seconds(report.times.total);
    case 'time_redirect':
      return seconds(report.times.redirect);
    case 'remote_ip':
      return report.remoteIP;
    case 'remote_port':
      return report.remotePort ? String(report.remotePort) : '';
    case 'local_ip':
      return report.localIP;
    case 'local_port':
      return report.localPort ? String(report.localPort) : '';
    case 'size_download':
      return String(report.sizeDownload);
    case 'size_header':
      return String(report.sizeHeader);
    case 'size_request':
      return String(report.sizeRequest);
    case 'size_upload':
      return '0';
    case 'speed_download':
      return String(
        report.times.total > 0 ? Math.floor(report.sizeDownload / report.times.total) : 0,
      );
    case 'content_type':
      return headerValue(report, 'content-type') ?? '';
    case 'url':
      return report.url;
    case 'url_effective':
      return report.urlEffective;
    case 'num_connects':
      return String(report.numConnects);
    case 'num_redirects':
      return String(report.numRedirects);
    case 'redirect_url':
      return report.redirectURL;
    case 'exitcode':
      return String(report.exitCode);
    case 'errormsg':
      return report.errorMessage;
    case 'method':
      return report.method;
    case 'scheme':
      return report.scheme;
    default:
      return undefined;
  }
}

/**
 * Expands a template: `%{name}` variables, `%header{name}`, `%{stdout}`/`%{stderr}` to switch
 * streams, `%{onerror}` (the rest only when the transfer failed), `%%`, and the backslash
 * escapes `\n \r \t \\`.
 */
export function formatWriteOut(template: string, report: TransferReport): WriteOut {
  const out: WriteOut = { stdout: '', stderr: '', warnings: [] };
  let stream: 'stdout' | 'stderr' = 'stdout';
  const emit = (text: string) => {
    out[stream] += text;
  };
  for (let at = 0; at < template.length; at++) {
    const char = template[at]!;
    if (char === '\\' && at + 1 < template.length) {
      const next = template[at + 1]!;
      const escaped = { n: '\n', r: '\r', t: '\t', '\\': '\\' }[next];
      if (escaped !== undefined) {
        emit(escaped);
        at++;
        continue;
      }
      emit(char);
      continue;
    }
    if (char !== '%') {
      emit(char);
      continue;
    }
    if (template[at + 1] === '%') {
      emit('%');
      at++;
      continue;
    }
    const headerMatch = /^%header\{([^}]*)\}/.exec(template.slice(at));
    if (headerMatch) {
      emit(headerValue(report, headerMatch[1]!) ?? '');
      at += headerMatch[0].length - 1;
      continue;
    }
    const match = /^%\{([^}]*)\}/.exec(template.slice(at));
    if (!match) {
      emit(char);
      continue;
    }
    at += match[0].length - 1;
    const name = match[1]!;
    if (name === 'stdout' || name === 'stderr') {
      stream = name;
      continue;
    }
    if (name === 'onerror') {
      if (report.exitCode === 0) break;
      continue;
    }
    const value = variable(report, name);
    if (value === undefined) out.warnings.push(`unknown --write-out variable: '${name}'`);
    else emit(value);
  }
  return out;
}
