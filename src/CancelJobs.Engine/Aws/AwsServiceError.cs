using System;
using System.Net;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>A service error as the service sent it: its code, message and HTTP status.</summary>
    public sealed class AwsServiceError : AmazonServiceException
    {
        public AwsServiceError(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
