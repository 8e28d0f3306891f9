using System;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace CancelJobs.Engine.Connection
{
    /// <summary>
    /// Hides secrets in text that reaches the user: session tokens a service echoes back (InvalidSignature quotes
    /// the canonical request, headers included), SSO bearer tokens, and the user-info part of URLs.
    /// </summary>
    public static class Secrets
    {
        public const string Mask = "***";

        // Header or query form: "x-amz-security-token:VALUE", "X-Amz-Security-Token=VALUE" (any case, maybe URL-encoded).
        private static readonly Regex TokenValue = new Regex(
            @"(?<name>x-amz-security-token|x-amz-sso_bearer_token|aws_session_token|aws_secret_access_key|SecretAccessKey|SessionToken)(?<sep>\s*[:=]\s*|%3D)(?<value>[^\s'""&,;<]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex UrlUserInfo = new Regex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)[^/@\s'""]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The text with every recognisable secret replaced by <see cref="Mask"/>.</summary>
        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }
            var redacted = TokenValue.Replace(text, match => match.Groups["name"].Value + match.Groups["sep"].Value + Mask);
            return UrlUserInfo.Replace(redacted, match => match.Groups["scheme"].Value + Mask + "@");
        }

        public static string? RedactUrl(string? url) => url == null ? null : Redact(url);

        /// <summary>
        /// The exception itself when its messages hold no secret; else an equivalent service exception (same code,
        /// status and request id) whose message is redacted, so error records and their serialized forms stay clean.
        /// </summary>
        public static Exception? Scrub(Exception? exception)
        {
            if (exception == null || !Carries(exception))
            {
                return exception;
            }
            if (exception is AmazonServiceException service)
            {
                return new AmazonServiceException(Redact(service.Message), null, service.ErrorType, service.ErrorCode, service.RequestId, service.StatusCode);
            }
            return new InvalidOperationException(Redact(exception.Message));
        }

        private static bool Carries(Exception exception)
        {
            for (var current = exception; current != null; current = current.InnerException)
            {
                if (Redact(current.Message) != current.Message)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
