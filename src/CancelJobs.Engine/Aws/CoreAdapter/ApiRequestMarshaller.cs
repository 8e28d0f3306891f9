using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using Amazon.Util;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// Writes an <see cref="ApiRequest"/> in the service's protocol: rest-json or json 1.1.
    /// Core (Internal): the pipeline takes requests only as <c>IMarshaller</c> output (<c>DefaultRequest</c>); path
    /// encoding (<c>StringUtils</c>) must be Core's own so SigV4 signs exactly what is sent.
    /// </summary>
    internal sealed class ApiRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        private static readonly byte[] EmptyJsonObject = Encoding.UTF8.GetBytes("{}");
        private readonly AwsService service;

        public ApiRequestMarshaller(AwsService service) => this.service = service;

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var call = (ApiRequest)input;
            var request = new DefaultRequest(call, service.ServiceId) { HttpMethod = call.HttpMethod };
            request.Headers[HeaderKeys.XAmzApiVersion] = service.ApiVersion;

            if (service.Protocol == WireProtocol.Json11)
            {
                request.ResourcePath = "/";
                request.Headers["X-Amz-Target"] = service.JsonTargetPrefix + "." + call.Operation;
                request.Headers[HeaderKeys.ContentTypeHeader] = "application/x-amz-json-1.1";
                request.Content = call.Body ?? EmptyJsonObject;
                return request;
            }

            request.ResourcePath = call.PathTemplate;
            foreach (var pair in call.PathValues)
            {
                // Core percent-encodes path resources when it composes the URL.
                request.AddPathResource("{" + pair.Key + "}", StringUtils.FromString(pair.Value));
            }
            foreach (var pair in call.Query)
            {
                request.Parameters.Add(pair.Key, pair.Value);
            }
            request.UseQueryString = true;
            if (call.Body != null)
            {
                request.Headers[HeaderKeys.ContentTypeHeader] = "application/json";
                request.Content = call.Body;
            }
            if (service.HostPrefix != null)
            {
                request.HostPrefix = service.HostPrefix;
            }
            return request;
        }
    }
}
