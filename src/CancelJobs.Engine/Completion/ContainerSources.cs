using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Connection;

namespace CancelJobs.Engine.Completion
{
    /// <summary>
    /// The containers a job parameter names, read from the service for tab completion: TwinMaker workspaces
    /// (ListWorkspaces), DMS migration projects (DescribeMigrationProjects), DataZone domains (ListDomains). One page, as
    /// (id, description) pairs; any failure (no region, no credentials, an error answer) is no completions, never an error.
    /// </summary>
    public static class ContainerSources
    {
        private static readonly ResponseShape WorkspacesAnswer = ResponseShape.Of("workspaceSummaries:array*", "nextToken:string");
        private static readonly ResponseShape ProjectsAnswer = ResponseShape.Of("MigrationProjects:array", "Marker:string");
        private static readonly ResponseShape DomainsAnswer = ResponseShape.Of("items:array*", "nextToken:string");

        /// <summary>The parameters this completes (the same names on the Get-* and the Stop-*).</summary>
        public static readonly IReadOnlyList<string> Parameters = new[] { "WorkspaceId", "MigrationProjectIdentifier", "DomainIdentifier" };

        /// <summary>Reads the containers for <paramref name="parameter"/> through <paramref name="connection"/> within <paramref name="budget"/>.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Read(string parameter, AwsConnection connection, TimeSpan budget)
        {
            var service = string.Equals(parameter, "WorkspaceId", StringComparison.OrdinalIgnoreCase) ? AwsService.TwinMaker
                : string.Equals(parameter, "MigrationProjectIdentifier", StringComparison.OrdinalIgnoreCase) ? AwsService.Dms
                : string.Equals(parameter, "DomainIdentifier", StringComparison.OrdinalIgnoreCase) ? AwsService.DataZone
                : null;
            if (service == null)
            {
                return Array.Empty<KeyValuePair<string, string>>();
            }
            using (var stop = new CancellationTokenSource(budget))
            {
                // Sign-in (a role, SSO) happens while the client is built: on the thread pool, so the budget bounds it too.
                var reading = Task.Run(async () =>
                {
                    using (var client = ClientFactory.Create(service, connection))
                    {
                        var response = await client.SendAsync(RequestFor(service), stop.Token).ConfigureAwait(false);
                        return ReadAnswer(service, response);
                    }
                });
                try
                {
                    return reading.Wait(budget) ? reading.Result : Array.Empty<KeyValuePair<string, string>>();
                }
                catch (AggregateException)
                {
                    return Array.Empty<KeyValuePair<string, string>>();
                }
                finally
                {
                    stop.Cancel();
                    // An abandoned read finishes (or fails) in the background; its exception is observed here.
                    reading.ContinueWith(done => _ = done.Exception, TaskScheduler.Default);
                }
            }
        }

        /// <summary>
        /// Whether ListWorkspaces lists <paramref name="workspaceId"/> (every page, through the command's own client);
        /// null when that cannot be told (the read failed).
        /// </summary>
        public static bool? WorkspaceExists(AwsServiceClient client, string workspaceId, CancellationToken cancellationToken)
        {
            string? token = null;
            try
            {
                for (var page = 0; page < 50; page++)
                {
                    var request = ApiRequest.Rest("ListWorkspaces", "POST", "/workspaces-list").Expecting(WorkspacesAnswer).WithBody(writer =>
                    {
                        writer.WriteNumber("maxResults", 200);
                        if (token != null)
                        {
                            writer.WriteString("nextToken", token);
                        }
                    });
                    var response = client.SendAsync(request, cancellationToken).GetAwaiter().GetResult();
                    if (response.Body.Array("workspaceSummaries").Any(workspace => workspace.String("workspaceId") == workspaceId))
                    {
                        return true;
                    }
                    var next = response.Body.String("nextToken");
                    if (string.IsNullOrEmpty(next) || next == token)
                    {
                        return false;
                    }
                    token = next;
                }
                return null;
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                return null;
            }
        }

        private static ApiRequest RequestFor(AwsService service)
        {
            if (service == AwsService.TwinMaker)
            {
                return ApiRequest.Rest("ListWorkspaces", "POST", "/workspaces-list").Expecting(WorkspacesAnswer).WithBody(writer => writer.WriteNumber("maxResults", 200));
            }
            if (service == AwsService.Dms)
            {
                return ApiRequest.Json("DescribeMigrationProjects").Expecting(ProjectsAnswer).WithBody(writer => writer.WriteNumber("MaxRecords", 100));
            }
            return ApiRequest.Rest("ListDomains", "GET", "/v2/domains").WithQuery("maxResults", "25").Expecting(DomainsAnswer);
        }

        private static IReadOnlyList<KeyValuePair<string, string>> ReadAnswer(AwsService service, ApiResponse response)
        {
            if (service == AwsService.TwinMaker)
            {
                return response.Body.Array("workspaceSummaries")
                    .Select(workspace => Pair(workspace.String("workspaceId"), workspace.String("description") ?? workspace.String("arn"))).Where(Named).ToList();
            }
            if (service == AwsService.Dms)
            {
                return response.Body.Array("MigrationProjects")
                    .Select(project => Pair(project.String("MigrationProjectName"), project.String("MigrationProjectArn"))).Where(Named).ToList();
            }
            return response.Body.Array("items")
                .Select(domain => Pair(domain.String("id"), $"{domain.String("name")} ({domain.String("status")})")).Where(Named).ToList();
        }

        private static KeyValuePair<string, string> Pair(string? id, string? description) => new KeyValuePair<string, string>(id ?? "", description ?? id ?? "");

        private static bool Named(KeyValuePair<string, string> pair) => pair.Key.Length > 0;
    }
}
