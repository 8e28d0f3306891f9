using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CancelJobs.Engine.Completion;
using CancelJobs.Engine.Connection;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Container parameters (-WorkspaceId, -MigrationProjectIdentifier, -DomainIdentifier): the workspaces, projects or
    /// domains the service lists (ListWorkspaces, DescribeMigrationProjects, ListDomains) with the AWS parameters typed,
    /// splatted or defaulted (and AWS Tools' session defaults), within the same 1 s budget as identifiers; else nothing.
    /// </summary>
    public sealed class ContainerCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters == null || !ContainerSources.Parameters.Contains(parameterName, StringComparer.OrdinalIgnoreCase))
            {
                return Array.Empty<CompletionResult>();
            }
            var bare = commandName.Substring(commandName.LastIndexOf('\\') + 1);
            var parameters = IdentifierCompleter.AwsParametersOf(bare, commandAst, fakeBoundParameters);
            string? Text(string name) => parameters.TryGetValue(name, out var value) ? (value is PSObject wrapped ? wrapped.BaseObject : value) switch
            {
                string text => text,
                object[] { Length: 1 } one => one[0]?.ToString(),
                _ => null,
            } : null;
            var (accessKey, secretKey, credentials) = AwsCmdlet.SplitCredential(
                parameters.TryGetValue("Credential", out var credential) ? credential : null, Text("AccessKey"), Text("SecretKey"));
            var connection = AwsConnection.FromParameters(Text("Region"), Text("ProfileName"), Text("ProfileLocation"), Text("EndpointUrl"),
                accessKey, secretKey, Text("SessionToken"), credentials);
            var storedRegion = IdentifierCompleter.SessionVariable("StoredAWSRegion") as string;
            var storedCredentials = AwsCmdlet.StoredCredentials(IdentifierCompleter.SessionVariable("StoredAWSCredentials"));
            if (!string.IsNullOrEmpty(storedRegion) || storedCredentials != null)
            {
                connection = connection.OverlayOn(AwsConnection.SessionDefaults(string.IsNullOrEmpty(storedRegion) ? null : storedRegion, storedCredentials));
            }
            var containers = ContainerSources.Read(parameterName, connection, IdentifierCompleter.Budget);
            return Completions.Matching(wordToComplete, containers.Select(container => (container.Key, container.Value)));
        }
    }
}
