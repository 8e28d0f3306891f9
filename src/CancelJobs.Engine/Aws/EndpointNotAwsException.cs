using System;
using System.Net;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// An HTTP error with neither an AWS request id nor an AWS error code: whatever answered is not the AWS service
    /// (a wrong -EndpointUrl, a proxy, a web server). Still a service exception, so Core retries it like any other.
    /// </summary>
    public sealed class EndpointNotAwsException : AmazonServiceException
    {
        public EndpointNotAwsException(Exception? innerException, HttpStatusCode statusCode)
            : base($"The endpoint answered HTTP {(int)statusCode} ({statusCode}) without an AWS request id or error code.", innerException, ErrorType.Unknown, null, null, statusCode)
        {
        }
    }
}
