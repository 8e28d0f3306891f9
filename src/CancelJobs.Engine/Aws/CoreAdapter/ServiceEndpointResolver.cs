using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// Replaces Core's legacy endpoint resolver; adds the model's host prefix only for AWS's own endpoints.
    /// Core (Internal): <c>BaseEndpointResolver</c> is the pipeline stage that owns endpoint resolution and host-prefix
    /// injection; Core offers no public hook to change either per client.
    /// </summary>
    internal sealed class ServiceEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) =>
            ServiceEndpointProvider.ParametersFor(requestContext.ClientConfig);

        protected override void ServiceSpecificHandler(IExecutionContext executionContext, EndpointParameters parameters)
        {
            // "api.127.0.0.1" does not resolve: a user-supplied endpoint is used exactly as given.
            if (string.IsNullOrEmpty(executionContext.RequestContext.ClientConfig.ServiceURL))
            {
                InjectHostPrefix(executionContext.RequestContext);
            }
        }
    }
}
