namespace Recruiting.Connectors.Boards;

/// <summary>
/// A board the SDK knows: its exact service name (accounts are matched against it character for character, the way
/// users copy it from the board list) and the extra account fields it declares.
/// </summary>
public sealed record BoardRegistration
{
    /// <summary>Initializes a new instance of the <see cref="BoardRegistration"/> class.</summary>
    /// <param name="serviceName">The exact service name.</param>
    /// <param name="accountFields">The extra account fields.</param>
    /// <exception cref="ArgumentException">The name is blank, or two fields share a key.</exception>
    public BoardRegistration(string serviceName, IReadOnlyList<BoardAccountField>? accountFields = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (!string.Equals(serviceName, serviceName.Trim(), StringComparison.Ordinal))
        {
            throw new ArgumentException("A service name has no leading or trailing white space.", nameof(serviceName));
        }

        accountFields ??= [];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in accountFields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(accountFields));
            ArgumentException.ThrowIfNullOrWhiteSpace(field.Key, nameof(accountFields));
            if (!keys.Add(field.Key))
            {
                throw new ArgumentException($"Board '{serviceName}' declares account field '{field.Key}' twice.", nameof(accountFields));
            }
        }

        ServiceName = serviceName;
        AccountFields = accountFields;
    }

    /// <summary>Gets the exact service name.</summary>
    public string ServiceName { get; }

    /// <summary>Gets the extra account fields the board declares.</summary>
    public IReadOnlyList<BoardAccountField> AccountFields { get; }

    /// <summary>Checks an account's extra fields against the declaration.</summary>
    /// <param name="extraFields">The account's extra fields.</param>
    /// <returns>Every problem found (empty when the fields are valid).</returns>
    public IReadOnlyList<string> ValidateExtraFields(IReadOnlyDictionary<string, string>? extraFields)
    {
        extraFields ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var field in AccountFields)
        {
            if (!extraFields.TryGetValue(field.Key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    problems.Add($"{ServiceName} needs '{field.Key}' ({field.Label}).");
                }
            }
            else if (value.Length > field.MaxLength)
            {
                problems.Add($"'{field.Key}' ({field.Label}) is longer than {field.MaxLength} characters.");
            }
        }

        foreach (var key in extraFields.Keys)
        {
            if (!AccountFields.Any(f => string.Equals(f.Key, key, StringComparison.Ordinal)))
            {
                problems.Add($"{ServiceName} declares no account field '{key}'.");
            }
        }

        return problems;
    }
}
