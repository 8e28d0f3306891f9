using System;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace CancelJobs.Engine.Aws
{
    /// <summary>A successful response: its JSON body as a detached element (an empty object when the body is empty).</summary>
    public sealed class ApiResponse : AmazonWebServiceResponse
    {
        public JsonElement Body { get; internal set; }
    }

    /// <summary>A service error as the service sent it: its code, message and HTTP status.</summary>
    public sealed class AwsServiceError : AmazonServiceException
    {
        public AwsServiceError(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    internal sealed class ApiResponseUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly ApiResponseUnmarshaller Instance = new ApiResponseUnmarshaller();

        private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            using (var buffer = new MemoryStream())
            {
                context.Stream.CopyTo(buffer);
                if (buffer.Length == 0)
                {
                    return new ApiResponse { Body = EmptyObject };
                }
                buffer.Position = 0;
                using (var document = JsonDocument.Parse(buffer))
                {
                    return new ApiResponse { Body = document.RootElement.Clone() };
                }
            }
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            var code = string.IsNullOrEmpty(error.Code) ? statusCode.ToString() : error.Code;
            var message = string.IsNullOrEmpty(error.Message) ? $"The service returned {(int)statusCode} {code}." : error.Message;
            return new AwsServiceError(message, innerException, error.Type, code, error.RequestId, statusCode);
        }
    }
}
