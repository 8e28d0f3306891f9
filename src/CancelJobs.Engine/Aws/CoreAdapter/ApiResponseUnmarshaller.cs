using System;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// Reads any of the four services' answers. Core (Internal): its pipeline only accepts a
    /// <c>JsonResponseUnmarshaller</c>, and its JSON error reader (<c>JsonErrorResponseUnmarshaller</c>,
    /// <c>StreamingUtf8JsonReader</c>) is the only parser of AWS's error encodings that Core's retry and clock-skew
    /// logic agree with; no public API exposes either.
    /// </summary>
    internal sealed class ApiResponseUnmarshaller : JsonResponseUnmarshaller
    {
        private readonly string operation;
        private readonly ResponseShape? expected;

        /// <summary>One per call: it checks the answer against the call's shape, and messages name the operation.</summary>
        public ApiResponseUnmarshaller(ApiRequest request)
        {
            operation = request.Operation;
            expected = request.Expected;
        }

        private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            // Every AWS answer names its request; a 2xx without a request id came from something else (a proxy, a web
            // server, a wrong -EndpointUrl), and reading it as a success would report a cancel that never happened.
            if (!HasAwsRequestId(context.ResponseData))
            {
                throw new NotAwsAnswerException(operation, "without an AWS request id (x-amzn-RequestId)", context.ResponseData.StatusCode);
            }
            using (var buffer = new MemoryStream())
            {
                context.Stream.CopyTo(buffer);
                if (buffer.Length == 0)
                {
                    return Checked(EmptyObject, context);
                }
                buffer.Position = 0;
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(buffer);
                }
                catch (JsonException notJson)
                {
                    // The whole body arrived (a cut-off one fails while copying, above) and it is not JSON.
                    throw new NotAwsAnswerException(operation, "its body is not JSON", context.ResponseData.StatusCode, notJson);
                }
                using (document)
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new NotAwsAnswerException(operation, "its body is not a JSON object", context.ResponseData.StatusCode);
                    }
                    return Checked(document.RootElement.Clone(), context);
                }
            }
        }

        private ApiResponse Checked(JsonElement body, JsonUnmarshallerContext context)
        {
            if (expected?.Problem(body) is { } problem)
            {
                throw new NotAwsAnswerException(operation, $"its body is not a {operation} answer ({problem})", context.ResponseData.StatusCode);
            }
            return new ApiResponse { Body = body };
        }

        /// <summary>AWS names each request in x-amzn-RequestId (x-amz-request-id on some services).</summary>
        private static bool HasAwsRequestId(IWebResponseData response) =>
            !string.IsNullOrWhiteSpace(response.GetHeaderValue("x-amzn-RequestId")) || !string.IsNullOrWhiteSpace(response.GetHeaderValue("x-amz-request-id"));

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
