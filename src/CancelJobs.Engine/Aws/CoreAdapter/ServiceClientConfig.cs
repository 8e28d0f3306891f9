using System;
using System.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// Core's client configuration, parameterised by a service descriptor instead of generated per service.
    /// Core (Internal): <c>ClientConfig</c>'s only constructor takes a <c>DefaultConfigurationProvider</c>, and the
    /// user agent is built by <c>InternalSDKUtils</c> so it keeps the format AWS's services parse.
    /// </summary>
    public sealed class ServiceClientConfig : ClientConfig
    {
        // Core requires a defaults provider; these are the SDK's "standard" defaults, so AWS_DEFAULTS_MODE cannot fail on an unknown mode.
        private static readonly DefaultConfigurationProvider Defaults = new DefaultConfigurationProvider(
            new[] { DefaultConfigurationMode.Standard, DefaultConfigurationMode.InRegion, DefaultConfigurationMode.CrossRegion, DefaultConfigurationMode.Mobile, DefaultConfigurationMode.Auto }
                .Select(mode => (IDefaultConfiguration)new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard }));

        private readonly string userAgent;

        public ServiceClientConfig(AwsService service) : base(Defaults)
        {
            Service = service ?? throw new ArgumentNullException(nameof(service));
            ServiceId = service.ServiceId;
            AuthenticationServiceName = service.SigningName;
            EndpointProvider = new ServiceEndpointProvider(service);
            RetryMode = RequestRetryMode.Standard;
            userAgent = InternalSDKUtils.BuildUserAgentString("CancelJobs", AwsService.AssemblyVersion);
        }

        public AwsService Service { get; }

        public override string RegionEndpointServiceName => Service.EndpointPrefix;
        public override string ServiceVersion => Service.ApiVersion;
        public override string UserAgent => userAgent;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            EndpointProvider.ResolveEndpoint(ServiceEndpointProvider.ParametersFor(this));
    }
}
