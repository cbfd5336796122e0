/** curl's exit codes for the failures a probe meets, and how curl words them. */
export const curlExit = {
  unsupportedProtocol: 1,
  usage: 2,
  malformedURL: 3,
  couldNotResolveHost: 6,
  couldNotConnect: 7,
  weirdServerReply: 8,
  partialFile: 18,
  httpReturnedError: 22,
  writeError: 23,
  operationTimedOut: 28,
  sslConnectError: 35,
  tooManyRedirects: 47,
  gotNothing: 52,
  recvError: 56,
  peerFailedVerification: 60,
} as const;

/** A transfer that failed: curl's exit code and its error message (after `curl: (N) `). */
export class CurlFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Printed after a certificate verification failure, as curl does. */
export const caCertAdvice =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the webpage mentioned above.\n';

export const curlHelpHint = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** The OpenSSL build Alpine's curl reports in TLS errors. */
export const opensslVersion = 'OpenSSL/3.3.3';
export const curlUserAgent = 'curl/8.12.1';
