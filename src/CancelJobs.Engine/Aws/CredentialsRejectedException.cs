using System;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// The service refused the request's credentials or signature. Carries the access key id that signed it, so the
    /// error can name it; the service's own answer (which may quote the canonical request) is the inner exception.
    /// </summary>
    public sealed class CredentialsRejectedException : Exception
    {
        public CredentialsRejectedException(string accessKeyId, AmazonServiceException answer)
            : base($"The service rejected the credentials ({answer.ErrorCode}).", answer)
        {
            AccessKeyId = accessKeyId;
        }

        /// <summary>The access key id that signed the refused request ("" when unknown). An id, not a secret.</summary>
        public string AccessKeyId { get; }

        public static bool IsRejection(AmazonServiceException error)
        {
            switch (error.ErrorCode)
            {
                case "InvalidSignatureException":
                case "SignatureDoesNotMatch":
                case "UnrecognizedClientException":
                case "InvalidClientTokenId":
                case "MissingAuthenticationTokenException":
                case "ExpiredTokenException":
                    return true;
                default:
                    return false;
            }
        }
    }
}
