using System.Text.Json;
using Amazon.Runtime;

namespace CancelJobs.Engine.Aws
{
    /// <summary>A successful response: its JSON body as a detached element (an empty object when the body is empty).</summary>
    public sealed class ApiResponse : AmazonWebServiceResponse
    {
        public JsonElement Body { get; internal set; }

        /// <summary>The service's request id (x-amzn-RequestId) for this answer, when it sent one.</summary>
        public string? RequestId => string.IsNullOrEmpty(ResponseMetadata?.RequestId) ? null : ResponseMetadata!.RequestId;

        /// <summary>An answer with no members, for reading a result from the request alone.</summary>
        public static ApiResponse Empty => new ApiResponse { Body = JsonDocument.Parse("{}").RootElement.Clone() };
    }
}
