using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace CancelJobs.Engine.Aws.CoreAdapter
{
    /// <summary>
    /// The services' endpoint rules, reduced to what these four need: a custom URL as given, else the partition's host.
    /// Core (Internal): <c>Fn.Partition</c> is Core's only source of the partitions' DNS suffixes; the generated
    /// service packages call it the same way.
    /// </summary>
    internal sealed class ServiceEndpointProvider : IEndpointProvider
    {
        /// <summary>The one place endpoint parameters are built from a configuration (the config and the resolver both ask).</summary>
        public static EndpointParameters ParametersFor(IClientConfig config) => new EndpointParameters
        {
            ["Region"] = config.RegionEndpoint?.SystemName,
            ["UseFIPS"] = config.UseFIPSEndpoint,
            ["UseDualStack"] = config.UseDualstackEndpoint,
            ["Endpoint"] = config.ServiceURL,
        };

        private readonly AwsService service;

        public ServiceEndpointProvider(AwsService service) => this.service = service;

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters["Endpoint"] is string custom && custom.Length > 0)
            {
                return new Endpoint(custom);
            }

            if (!(parameters["Region"] is string region) || region.Length == 0)
            {
                throw new AmazonClientException("No region is set, so no endpoint can be resolved.");
            }

            var partition = Fn.Partition(region) ?? throw new AmazonClientException($"Region '{region}' is not in a known AWS partition.");
            var fips = parameters["UseFIPS"] is bool useFips && useFips;
            var dualStack = service.DualStackOnly || (parameters["UseDualStack"] is bool useDualStack && useDualStack);
            var prefix = fips ? service.EndpointPrefix + "-fips" : service.EndpointPrefix;
            var suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
            return new Endpoint($"https://{prefix}.{region}.{suffix}");
        }
    }
}
