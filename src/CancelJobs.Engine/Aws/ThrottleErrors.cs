using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// Recognises a service's "slow down" answer: its error code, or HTTP 429. The one list: the client's resend loop,
    /// Core's retry policy (which leaves throttles to that loop) and the failure classifier all ask here.
    /// </summary>
    public static class ThrottleErrors
    {
        private static readonly HashSet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
        {
            "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
        };

        public static bool IsThrottle(Exception error) =>
            error is AmazonServiceException service
            && ((service.ErrorCode != null && Codes.Contains(service.ErrorCode)) || service.StatusCode == (HttpStatusCode)429);
    }
}
