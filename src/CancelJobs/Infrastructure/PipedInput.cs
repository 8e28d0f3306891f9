using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>A piped item or parameter value that cannot be sent: its ErrorId and a message naming what was wrong.</summary>
    internal sealed class InputProblem
    {
        public InputProblem(string errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string ErrorId { get; }
        public string Message { get; }
    }

    /// <summary>One <see cref="IdentifierAttribute"/> parameter of a Stop-* command: the names a piped object may carry it under.</summary>
    internal sealed class IdentifierSlot
    {
        private readonly Func<object, string?> get;
        private readonly Action<object, string> set;

        public IdentifierSlot(PropertyInfo property, IReadOnlyList<string> names, bool byValue)
        {
            Parameter = property.Name;
            Names = names;
            ByValue = byValue;
            // Compiled once per command: binding runs for every piped item, and reflection's Invoke allocates per call.
            var instance = System.Linq.Expressions.Expression.Parameter(typeof(object), "cmdlet");
            var value = System.Linq.Expressions.Expression.Parameter(typeof(string), "value");
            var typed = System.Linq.Expressions.Expression.Convert(instance, property.DeclaringType!);
            get = System.Linq.Expressions.Expression.Lambda<Func<object, string?>>(System.Linq.Expressions.Expression.Property(typed, property), instance).Compile();
            set = System.Linq.Expressions.Expression.Lambda<Action<object, string>>(
                System.Linq.Expressions.Expression.Assign(System.Linq.Expressions.Expression.Property(typed, property), value), instance, value).Compile();
        }

        public string Parameter { get; }

        /// <summary>The parameter's name, then its aliases, in the order a property or key is looked for.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Takes a piped string or number itself.</summary>
        public bool ByValue { get; }

        public string? Get(object cmdlet) => get(cmdlet);

        public void Set(object cmdlet, string value) => set(cmdlet, value);
    }

    /// <summary>What binding needs to know about one Stop-* command, read once from its parameters.</summary>
    internal sealed class StopCommandShape
    {
        private static readonly object Gate = new object();
        private static IReadOnlyList<StopCommandShape>? all;

        private StopCommandShape(Type command, string commandName, string serviceName, string recordNamespace, IReadOnlyList<IdentifierSlot> slots,
            Func<string, bool> stillCancellable)
        {
            StillCancellable = stillCancellable;
            Command = command;
            CommandName = commandName;
            ServiceName = serviceName;
            RecordNamespace = recordNamespace;
            Slots = slots;
        }

        public Type Command { get; }
        public string CommandName { get; }

        /// <summary>The AWS SDK's service name (IoT, IoTTwinMaker…), which is also AWS Tools' model namespace.</summary>
        public string ServiceName { get; }

        /// <summary>The engine namespace of this service's records and results, e.g. CancelJobs.Engine.IoT.</summary>
        public string RecordNamespace { get; }

        public IReadOnlyList<IdentifierSlot> Slots { get; }

        /// <summary>Whether a job in a status can still be cancelled by this command (completion offers only those).</summary>
        public Func<string, bool> StillCancellable { get; }

        /// <summary>Names only this command's identifiers use; names several commands share (JobId, Id) identify no service.</summary>
        public IReadOnlyCollection<string> DistinctiveNames { get; private set; } = Array.Empty<string>();

        public static IReadOnlyList<StopCommandShape> All
        {
            get
            {
                lock (Gate)
                {
                    return all ??= Discover();
                }
            }
        }

        public static StopCommandShape For(Type command) => All.First(shape => shape.Command == command);

        private static IReadOnlyList<StopCommandShape> Discover()
        {
            var shapes = new List<StopCommandShape>();
            foreach (var type in typeof(StopCommandShape).Assembly.GetTypes())
            {
                var stopBase = BaseStopType(type);
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>();
                if (stopBase == null || cmdlet == null || type.IsAbstract)
                {
                    continue;
                }
                var slots = new List<IdentifierSlot>();
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetCustomAttribute<IdentifierAttribute>() == null)
                    {
                        continue;
                    }
                    var names = new List<string> { property.Name };
                    names.AddRange(property.GetCustomAttributes<AliasAttribute>().SelectMany(alias => alias.AliasNames));
                    var byValue = property.GetCustomAttributes<ParameterAttribute>().Any(parameter => parameter.ValueFromPipeline);
                    slots.Add(new IdentifierSlot(property, names, byValue));
                }
                var resultType = stopBase.GetGenericArguments()[1];
                string serviceName;
                Func<string, bool> stillCancellable;
                using (var instance = (AwsCmdlet)Activator.CreateInstance(type)!)
                {
                    var stop = (IStopCommand)instance;
                    serviceName = stop.ServiceName;
                    // The answer comes from the engine's job service (a singleton), not from this throwaway instance's state.
                    stillCancellable = stop.StillCancellable;
                }
                shapes.Add(new StopCommandShape(type, cmdlet.VerbName + "-" + cmdlet.NounName, serviceName, resultType.Namespace ?? "", slots, stillCancellable));
            }
            var counts = shapes.SelectMany(shape => shape.Slots.SelectMany(slot => slot.Names).Distinct(StringComparer.OrdinalIgnoreCase))
                .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
            foreach (var shape in shapes)
            {
                shape.DistinctiveNames = shape.Slots.SelectMany(slot => slot.Names).Where(name => counts[name] == 1).ToList();
            }
            return shapes;
        }

        private static Type? BaseStopType(Type type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(StopJobCmdlet<,>))
                {
                    return current;
                }
            }
            return null;
        }
    }

    /// <summary>Implemented by every Stop-* command so binding can ask which service it cancels for.</summary>
    internal interface IStopCommand
    {
        string ServiceName { get; }

        /// <summary>Whether a job in <paramref name="status"/> can still be cancelled (neither final nor already cancelled).</summary>
        bool StillCancellable(string status);
    }

    /// <summary>
    /// Binds a Stop-* command's identifiers from what was piped, instead of trusting PowerShell's coercion of any
    /// object to a string. Accepted: a string or number (the by-value identifier), a dictionary by key, or an object by
    /// property (parameter name, then aliases). Rejected before anything is sent: another service's record, result or
    /// AWS Tools object; a row that carries only another service's identifiers; arrays; values that are not scalars;
    /// missing identifiers. Parameters given on the command line win over the piped object, as in PowerShell.
    /// </summary>
    internal static class PipedInput
    {
        /// <summary>
        /// Sets every identifier not given on the command line from <paramref name="input"/>, or says why nothing may be
        /// sent for it. The steps, in order: the command line's own values; a string or number by value; another
        /// service's object or row; the names the object carries; what is left unbound.
        /// </summary>
        public static InputProblem? Bind(StopCommandShape shape, object cmdlet, PSObject? input, ICollection<string> givenOnCommandLine, string prefix)
        {
            if (RejectedOnCommandLine(shape, cmdlet, givenOnCommandLine) is { } rejected)
            {
                return rejected;
            }
            var open = shape.Slots.Where(slot => !givenOnCommandLine.Contains(slot.Parameter)).ToList();
            foreach (var slot in open)
            {
                slot.Set(cmdlet, "");
            }
            if (input == null)
            {
                return open.Count == 0 ? null : Missing(shape, prefix, open, null);
            }
            if (IdentifierAttribute.TryText(input, out var text))
            {
                // The common case, first: a string or number is nobody's record.
                BindByValue(cmdlet, open, text);
                return open.Count == 0 ? null : Missing(shape, prefix, open, null);
            }
            if (PipedObject.Read(shape, prefix, input, out var problem) is not { } piped)
            {
                return problem;
            }
            if (piped.ForeignCommand() is { } foreign)
            {
                return foreign;
            }
            if (piped.BindByName(cmdlet, open, out var bound) is { } unusable)
            {
                return unusable;
            }
            return open.Count == 0 ? null : piped.Unbound(open, bound);
        }

        /// <summary>Step 1: an identifier given on the command line as something that is not a string or number.</summary>
        private static InputProblem? RejectedOnCommandLine(StopCommandShape shape, object cmdlet, ICollection<string> givenOnCommandLine)
        {
            foreach (var slot in shape.Slots.Where(slot => givenOnCommandLine.Contains(slot.Parameter)))
            {
                if (IdentifierAttribute.IsRejected(slot.Get(cmdlet), out var typeName))
                {
                    return new InputProblem(ErrorIds.InvalidInputType, $"-{slot.Parameter} takes a string or a number, not {Article(typeName)} {typeName}. Nothing was sent.");
                }
            }
            return null;
        }

        /// <summary>Step 2: a piped string or number is the value of the parameter that takes pipeline input by value.</summary>
        private static void BindByValue(object cmdlet, List<IdentifierSlot> open, string text)
        {
            var byValue = open.FirstOrDefault(slot => slot.ByValue);
            if (byValue != null)
            {
                byValue.Set(cmdlet, text);
                open.Remove(byValue);
            }
        }

        /// <summary>Steps 3 to 5 for a piped object, dictionary or row: whose it is, which names it carries, what is left.</summary>
        private sealed class PipedObject
        {
            private readonly StopCommandShape shape;
            private readonly string prefix;
            private readonly string type;
            private readonly string? owner;
            private readonly Func<string, (bool Found, object? Value)> lookup;
            private readonly string carrier;
            private readonly bool carriesOwnName;
            private readonly bool userMade;

            private PipedObject(StopCommandShape shape, string prefix, PSObject input, string type, string? owner, Func<string, (bool Found, object? Value)> lookup, string carrier)
            {
                this.shape = shape;
                this.prefix = prefix;
                this.type = type;
                this.owner = owner;
                this.lookup = lookup;
                this.carrier = carrier;
                carriesOwnName = shape.DistinctiveNames.Any(name => lookup(name).Found);
                userMade = input.BaseObject is IDictionary || input.BaseObject is PSCustomObject;
            }

            /// <summary>Step 3: null (with the problem) for another service's object by type name, or a collection.</summary>
            public static PipedObject? Read(StopCommandShape shape, string prefix, PSObject input, out InputProblem? problem)
            {
                problem = null;
                var type = IdentifierAttribute.TypeLabel(input);
                var owner = OwnerByTypeName(input);
                if (owner != null && owner != shape.ServiceName)
                {
                    problem = CrossService(shape, prefix, $"The piped {DisplayTypeName(input)} is {Article(owner)} {owner} object", OtherCommand(owner, prefix, input));
                    return null;
                }
                switch (input.BaseObject)
                {
                    case IDictionary dictionary:
                        return new PipedObject(shape, prefix, input, type, owner, name => FindKey(dictionary, name), "key");
                    // A collection where one item was expected. Other enumerables (an XML element, whose attributes and
                    // children PowerShell shows as properties) bind by property like any object.
                    case ICollection _:
                        problem = new InputProblem(ErrorIds.InvalidInputType,
                            $"{Named(shape, prefix)} takes one item per pipeline object; the piped {type} holds several values. Nothing was sent.");
                        return null;
                    default:
                        return new PipedObject(shape, prefix, input, type, owner,
                            name => input.Properties[name] is PSPropertyInfo property ? (true, SafeValue(property)) : (false, null), "property");
                }
            }

            /// <summary>
            /// A name several commands share (JobId, Id) is trusted only where the input says whose job it is: this service's
            /// own objects; any object that also carries a name only this command uses; or, on a row or dictionary, the
            /// parameter's own name (IoT's JobId). An IoT export's JobId column alone is not a TwinMaker job id (there it
            /// is only an alias), and any other object's Id (a Process's) is not a job id at all.
            /// </summary>
            private bool Trusted(IdentifierSlot slot, string name) =>
                shape.DistinctiveNames.Contains(name, StringComparer.OrdinalIgnoreCase) || owner == shape.ServiceName || carriesOwnName
                || (userMade && string.Equals(name, slot.Parameter, StringComparison.OrdinalIgnoreCase));

            /// <summary>Step 3, by names: a row or dictionary with only another command's distinctive names is its input.</summary>
            public InputProblem? ForeignCommand()
            {
                // A service's own objects are checked too: an IoT job execution names a thing, and must not cancel its whole job.
                if ((owner != null && owner != shape.ServiceName) || carriesOwnName)
                {
                    return null;
                }
                foreach (var other in StopCommandShape.All.Where(other => other != shape))
                {
                    var foreignName = other.DistinctiveNames.FirstOrDefault(name => lookup(name).Found);
                    if (foreignName != null)
                    {
                        return CrossService(shape, prefix, $"The piped {type} has a {foreignName} {carrier}, so it is input for {Named(other, prefix)}", Named(other, prefix));
                    }
                }
                return null;
            }

            private (IdentifierSlot Slot, string Name)? untrusted;

            /// <summary>Step 4: each open identifier from the first trusted name that carries a value (name, then aliases).</summary>
            public InputProblem? BindByName(object cmdlet, List<IdentifierSlot> open, out int bound)
            {
                bound = 0;
                foreach (var slot in open.ToList())
                {
                    foreach (var name in slot.Names)
                    {
                        var (found, value) = lookup(name);
                        if (!found || value == null)
                        {
                            continue;
                        }
                        if (!Trusted(slot, name))
                        {
                            untrusted ??= (slot, name);
                            continue;
                        }
                        if (!IdentifierAttribute.TryText(value, out var valueText))
                        {
                            var valueType = IdentifierAttribute.TypeLabel(value);
                            return new InputProblem(ErrorIds.InvalidInputType,
                                $"The piped {type}'s {name} {carrier} is {Article(valueType)} {valueType}; -{slot.Parameter} takes one string or number. Nothing was sent.");
                        }
                        if (Disagreeing(slot, name, valueText, lookup, Trusted) is { } other)
                        {
                            return new InputProblem(ErrorIds.AmbiguousInput,
                                $"The piped {type} names two different values for -{slot.Parameter}: its {name} {carrier} is '{valueText}' and its {other.Name} {carrier} is "
                                + $"'{other.Text}'. Nothing was sent; make them agree, remove one, or give -{slot.Parameter}.");
                        }
                        slot.Set(cmdlet, valueText);
                        open.Remove(slot);
                        bound++;
                        break;
                    }
                }
                return null;
            }

            /// <summary>Step 5: why identifiers are still missing: a shared name alone, nothing usable at all, or some missing.</summary>
            public InputProblem Unbound(List<IdentifierSlot> open, int bound)
            {
                if (userMade && untrusted is (var slotOfShared, var shared) && open.Contains(slotOfShared))
                {
                    var alsoFor = StopCommandShape.All
                        .Where(other => other != shape && other.Slots.Any(slot => slot.Names.Contains(shared, StringComparer.OrdinalIgnoreCase)))
                        .Select(other => Named(other, prefix));
                    return new InputProblem(ErrorIds.AmbiguousInput,
                        $"{Named(shape, prefix)} does not take the piped {type}'s {shared} {carrier} on its own: {shared} is also an identifier of "
                        + $"{string.Join(" and ", alsoFor)}, so it does not say which service's job this is. Name it {slotOfShared.Parameter}, "
                        + $"or give -{slotOfShared.Parameter}. Nothing was sent.");
                }
                if (bound == 0 && open.Count == shape.Slots.Count)
                {
                    return new InputProblem(ErrorIds.InvalidInputType,
                        $"{Named(shape, prefix)} cannot use the piped {type}: it has no {string.Join(", ", open.Select(slot => NameList(slot, carrier)))}. "
                        + "Pipe strings, or objects or hashtables that carry the identifiers. Nothing was sent.");
                }
                return Missing(shape, prefix, open, $"the piped {type} has no {string.Join(", ", open.Select(slot => NameList(slot, carrier)))}");
            }
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(string Parameter, string[] Names)>> ByPropertyName =
            new System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(string, string[])>>();

        /// <summary>
        /// For commands PowerShell binds by property name (Get-*): one piped object whose names for one parameter disagree
        /// (ThingName vs the thing in ThingArn, DomainIdentifier vs DomainId…) is AmbiguousInput; PowerShell would pick one.
        /// Parameters given on the command line are not taken from the object, so they are not compared.
        /// </summary>
        public static InputProblem? DisagreeingProperties(object cmdlet, PSObject? input, ICollection<string> givenOnCommandLine)
        {
            if (input == null || IdentifierAttribute.TryText(input, out _))
            {
                return null;
            }
            var parameters = ByPropertyName.GetOrAdd(cmdlet.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetCustomAttributes<ParameterAttribute>().Any(parameter => parameter.ValueFromPipelineByPropertyName))
                .Select(property => (property.Name, new[] { property.Name }.Concat(property.GetCustomAttributes<AliasAttribute>().SelectMany(alias => alias.AliasNames)).ToArray()))
                .Where(parameter => parameter.Item2.Length > 1)
                .ToList());
            foreach (var (parameter, names) in parameters)
            {
                if (givenOnCommandLine.Contains(parameter))
                {
                    continue;
                }
                (string Name, string Text)? first = null;
                foreach (var name in names)
                {
                    (bool Found, object? Value) value = input.BaseObject is IDictionary dictionary ? FindKey(dictionary, name)
                        : input.Properties[name] is PSPropertyInfo property ? (true, SafeValue(property)) : (false, null);
                    if (!value.Found || value.Value == null || !IdentifierAttribute.TryText(value.Value, out var text) || text.Length == 0)
                    {
                        continue;
                    }
                    if (first == null)
                    {
                        first = (name, text);
                    }
                    else if (!SameThing(first.Value.Text, text))
                    {
                        return new InputProblem(ErrorIds.AmbiguousInput,
                            $"The piped {IdentifierAttribute.TypeLabel(input)} names two different values for -{parameter}: its {first.Value.Name} is '{first.Value.Text}' and its {name} is '{text}'. "
                            + $"Nothing was sent; make them agree, remove one, or give -{parameter}.");
                    }
                }
            }
            return null;
        }

        /// <summary>
        /// Another of the slot's names on the same object whose value names something else (ThingName vs the thing in
        /// ThingArn, DomainIdentifier vs DomainId…), or null when all agree. Sending either would be a guess.
        /// </summary>
        private static (string Name, string Text)? Disagreeing(IdentifierSlot slot, string boundName, string boundText,
            Func<string, (bool Found, object? Value)> lookup, Func<IdentifierSlot, string, bool> trusted)
        {
            foreach (var name in slot.Names)
            {
                if (string.Equals(name, boundName, StringComparison.OrdinalIgnoreCase) || !trusted(slot, name))
                {
                    continue;
                }
                var (found, value) = lookup(name);
                if (!found || value == null || !IdentifierAttribute.TryText(value, out var text) || text.Length == 0)
                {
                    continue;
                }
                if (!SameThing(boundText, text))
                {
                    return (name, text);
                }
            }
            return null;
        }

        /// <summary>
        /// Two spellings of one identifier: equal, or an ARN whose resource ends in "/NAME" (arn:…:thing/NAME) and that
        /// NAME. An ARN whose resource is "type:ID" (DMS's migration-project:ID) carries an id, not the name, so it cannot
        /// be compared with a name and is not called a conflict.
        /// </summary>
        private static bool SameThing(string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                return true;
            }
            var aIsArn = a.StartsWith("arn:", StringComparison.Ordinal);
            var bIsArn = b.StartsWith("arn:", StringComparison.Ordinal);
            if (aIsArn == bIsArn)
            {
                return false;
            }
            var arn = aIsArn ? a : b;
            var name = aIsArn ? b : a;
            var parts = arn.Split(new[] { ':' }, 6);
            if (parts.Length < 6)
            {
                return false;
            }
            var resource = parts[5];
            var slash = resource.LastIndexOf('/');
            return slash < 0 || string.Equals(resource.Substring(slash + 1), name, StringComparison.Ordinal);
        }

        /// <summary>The owning service named by a CancelJobs record type or an AWS Tools model type, or null for neither.</summary>
        private static string? OwnerByTypeName(PSObject input)
        {
            foreach (var raw in input.TypeNames)
            {
                var name = Unprefixed(raw);
                if (name.StartsWith("CancelJobs.Engine.", StringComparison.Ordinal))
                {
                    var owner = StopCommandShape.All.FirstOrDefault(shape => name.StartsWith(shape.RecordNamespace + ".", StringComparison.Ordinal));
                    if (owner != null)
                    {
                        return owner.ServiceName;
                    }
                }
                else if (name.StartsWith("Amazon.", StringComparison.Ordinal))
                {
                    var parts = name.Split('.');
                    if (parts.Length >= 4 && parts[2] == "Model")
                    {
                        return parts[1];
                    }
                }
            }
            return null;
        }

        private static string DisplayTypeName(PSObject input) => input.TypeNames.Count > 0 ? Unprefixed(input.TypeNames[0]) : IdentifierAttribute.TypeLabel(input);

        // Import-Csv marks typed rows "CSV:", deserialized objects (remoting, Import-Clixml) carry "Deserialized.", and
        // Select-Object's copies "Selected."; they stack ("CSV:Selected.", "Deserialized.Selected.").
        private static readonly string[] TypeNamePrefixes = { "CSV:", "Deserialized.", "Selected." };

        private static string Unprefixed(string typeName)
        {
            var stripped = true;
            while (stripped)
            {
                stripped = false;
                foreach (var prefix in TypeNamePrefixes)
                {
                    if (typeName.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        typeName = typeName.Substring(prefix.Length);
                        stripped = true;
                    }
                }
            }
            return typeName;
        }

        /// <summary>
        /// The command of <paramref name="serviceName"/> an object is for, where a service has several (IoT's jobs and job
        /// executions): the one its type is named after (IoTJobExecution…), else the one whose identifiers it carries most of.
        /// </summary>
        private static string OtherCommand(string serviceName, string prefix, PSObject input)
        {
            var typeName = input.TypeNames.Count > 0 ? Unprefixed(input.TypeNames[0]) : "";
            var simpleName = typeName.Substring(typeName.LastIndexOf('.') + 1);
            string Noun(StopCommandShape shape) => shape.CommandName.Substring(shape.CommandName.IndexOf('-') + 1);
            var other = StopCommandShape.All.Where(shape => shape.ServiceName == serviceName)
                .OrderByDescending(shape => simpleName.StartsWith(Noun(shape), StringComparison.Ordinal) ? Noun(shape).Length : 0)
                .ThenByDescending(shape => shape.Slots.Count(slot => slot.Names.Any(name => input.Properties[name] != null)) / (double)Math.Max(1, shape.Slots.Count))
                .FirstOrDefault();
            return other != null ? Named(other, prefix) : "another command";
        }

        /// <summary>A command's name as this session knows it: with the noun prefix of Import-Module -Prefix, if any.</summary>
        private static string Named(StopCommandShape shape, string prefix) =>
            prefix.Length == 0 ? shape.CommandName : shape.CommandName.Insert(shape.CommandName.IndexOf('-') + 1, prefix);

        /// <summary>The noun prefix the command was imported with: Stop-CJIoTJobExecution invoked for Stop-IoTJobExecution → "CJ".</summary>
        public static string PrefixOf(StopCommandShape shape, string invokedName)
        {
            var noun = shape.CommandName.Substring(shape.CommandName.IndexOf('-') + 1);
            var invokedNoun = invokedName.Substring(invokedName.IndexOf('-') + 1);
            return invokedNoun.Length > noun.Length && invokedNoun.EndsWith(noun, StringComparison.OrdinalIgnoreCase)
                ? invokedNoun.Substring(0, invokedNoun.Length - noun.Length) : "";
        }

        private static InputProblem CrossService(StopCommandShape shape, string prefix, string what, string otherCommand) =>
            new InputProblem(ErrorIds.CrossServiceInput,
                $"{what}, not input for {Named(shape, prefix)}. Nothing was sent; pipe it to {otherCommand} instead, or pass the identifiers explicitly.");

        private static InputProblem Missing(StopCommandShape shape, string prefix, IReadOnlyList<IdentifierSlot> open, string? reason)
        {
            var parameters = string.Join(" and ", open.Select(slot => "-" + slot.Parameter));
            var them = open.Count == 1 ? "it" : "them";
            return new InputProblem(ErrorIds.MissingIdentifier,
                $"{Named(shape, prefix)} needs {parameters}{(reason == null ? "" : ", but " + reason)}. Give {them} as {(open.Count == 1 ? "a parameter" : "parameters")} or pipe objects that carry {them}. Nothing was sent.");
        }

        private static string NameList(IdentifierSlot slot, string carrier) =>
            slot.Names.Count == 1 ? $"{slot.Parameter} {carrier}" : $"{slot.Parameter} {carrier} (nor {string.Join(", ", slot.Names.Skip(1))})";

        private static (bool Found, object? Value) FindKey(IDictionary dictionary, string name)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return (true, entry.Value);
                }
            }
            return (false, null);
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (Exception)
            {
                // A getter that throws (GetValueException, or an adapter's own) means no usable value, not a crash.
                return null;
            }
        }

        internal static string Article(string noun) => noun.Length > 0 && "AEIOUaeiou".IndexOf(noun[0]) >= 0 ? "an" : "a";
    }
}
