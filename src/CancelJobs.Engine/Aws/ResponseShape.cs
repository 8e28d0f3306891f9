using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CancelJobs.Engine.Aws
{
    /// <summary>
    /// The members of an operation's answer that must be there (or, when present, must have the right JSON kind), as
    /// the service model says. An answer that breaks it did not come from the service and is never read as a result.
    /// Unknown members are allowed: AWS adds members to answers over time.
    /// </summary>
    public sealed class ResponseShape
    {
        private readonly IReadOnlyList<Member> members;

        private ResponseShape(IReadOnlyList<Member> members) => this.members = members;

        /// <summary>
        /// Members as <c>path:kind</c> (kind: string, number, object, array, boolean), a trailing <c>*</c> for required,
        /// dots for nesting: <c>"status:object*", "status.state:string*", "nextToken:string"</c>.
        /// </summary>
        public static ResponseShape Of(params string[] specs) => new ResponseShape(specs.Select(Member.Parse).ToList());

        /// <summary>What is wrong with <paramref name="body"/>, or null when it fits.</summary>
        public string? Problem(JsonElement body)
        {
            foreach (var member in members)
            {
                var (found, parentMissing) = Find(body, member.Path);
                if (found == null)
                {
                    if (member.Required && !parentMissing)
                    {
                        return $"the member '{string.Join(".", member.Path)}' is missing";
                    }
                    continue;
                }
                if (!member.Fits(found.Value))
                {
                    return $"the member '{string.Join(".", member.Path)}' is a {found.Value.ValueKind.ToString().ToLowerInvariant()}, not a {member.Kind}";
                }
            }
            return null;
        }

        /// <summary>The member at <paramref name="path"/>; parentMissing when an optional parent is absent (its children are not required then).</summary>
        private (JsonElement? Found, bool ParentMissing) Find(JsonElement body, string[] path)
        {
            var current = body;
            for (var i = 0; i < path.Length; i++)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path[i], out var next) || next.ValueKind == JsonValueKind.Null)
                {
                    return (null, i > 0 && !IsRequired(path.Take(i).ToArray()));
                }
                current = next;
            }
            return (current, false);
        }

        private bool IsRequired(string[] path) => members.Any(m => m.Required && m.Path.SequenceEqual(path));

        private sealed class Member
        {
            private Member(string[] path, string kind, bool required)
            {
                Path = path;
                Kind = kind;
                Required = required;
            }

            public string[] Path { get; }
            public string Kind { get; }
            public bool Required { get; }

            public static Member Parse(string spec)
            {
                var required = spec.EndsWith("*", StringComparison.Ordinal);
                var text = required ? spec.Substring(0, spec.Length - 1) : spec;
                var colon = text.IndexOf(':');
                return new Member(text.Substring(0, colon).Split('.'), text.Substring(colon + 1), required);
            }

            public bool Fits(JsonElement value)
            {
                switch (Kind)
                {
                    case "string": return value.ValueKind == JsonValueKind.String;
                    case "number": return value.ValueKind == JsonValueKind.Number;
                    case "object": return value.ValueKind == JsonValueKind.Object;
                    case "array": return value.ValueKind == JsonValueKind.Array;
                    case "boolean": return value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False;
                    default: throw new InvalidOperationException($"Unknown member kind '{Kind}'.");
                }
            }
        }
    }
}
