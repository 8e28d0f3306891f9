using System;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// A 2xx answer that did not come from the AWS service: no request id header (x-amzn-RequestId, x-amz-request-id),
    /// or a body that is not JSON or not in the operation's shape. A proxy, a web server or a wrong -EndpointUrl
    /// answers like that; reading it as a success would report cancels that never happened.
    /// </summary>
    public sealed class NotAwsAnswerException : Amazon.Runtime.AmazonServiceException
    {
        public NotAwsAnswerException(string operation, string why, System.Net.HttpStatusCode statusCode, Exception? innerException = null)
            : base($"{operation}: the endpoint answered HTTP {(int)statusCode}, but {why}.", innerException, Amazon.Runtime.ErrorType.Unknown, null, null, statusCode)
        {
            Operation = operation;
            Why = why;
        }

        public string Operation { get; }

        /// <summary>What gave it away, e.g. "without an AWS request id".</summary>
        public string Why { get; }

        /// <summary>The answer in <paramref name="error"/>'s chain (Core wraps what an unmarshaller throws), or null.</summary>
        public static NotAwsAnswerException? In(Exception? error)
        {
            for (var cause = error; cause != null; cause = cause.InnerException)
            {
                if (cause is NotAwsAnswerException answer)
                {
                    return answer;
                }
            }
            return null;
        }
    }
}
