using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>
/// Names one effect so that the host can treat a repeated call as success and return the first result
/// (ARCHITECTURE.md principle 2). Built from a scope and parts; keys longer than <see cref="MaxLength"/>
/// are shortened to a SHA-256 of their parts so every key fits a database index.
/// </summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<IdempotencyKey>))]
public readonly record struct IdempotencyKey : IStronglyTypedId<IdempotencyKey>
{
    /// <summary>The longest key value.</summary>
    public const int MaxLength = 200;

    /// <summary>Initializes a new instance of the <see cref="IdempotencyKey"/> struct from a stored value.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public IdempotencyKey(string value) => Value = StronglyTypedId.Validate(value, nameof(IdempotencyKey));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static IdempotencyKey From(string value) => new(value);

    /// <summary>Creates a key from a scope (for example <c>board</c>, <c>mail</c>, <c>rejection</c>) and the parts that identify the effect.</summary>
    /// <param name="scope">The scope: ASCII letters, digits, '.', '-' or '_'.</param>
    /// <param name="parts">The parts; '/' and '%' inside them are escaped so different parts never make the same key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The scope is empty or has other characters, or no part was given.</exception>
    public static IdempotencyKey Create(string scope, params ReadOnlySpan<string> parts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        foreach (var c in scope)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                throw new ArgumentException("A key scope holds ASCII letters, digits, '.', '-' or '_'.", nameof(scope));
            }
        }

        if (parts.Length == 0)
        {
            throw new ArgumentException("A key needs at least one part.", nameof(parts));
        }

        var builder = new StringBuilder(scope);
        foreach (var part in parts)
        {
            builder.Append('/');
            foreach (var c in part ?? string.Empty)
            {
                _ = c switch
                {
                    '%' => builder.Append("%25"),
                    '/' => builder.Append("%2F"),
                    _ => builder.Append(c),
                };
            }
        }

        if (builder.Length <= MaxLength)
        {
            return new IdempotencyKey(builder.ToString());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return new IdempotencyKey($"{scope}/sha256:{Convert.ToHexStringLower(hash)}");
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
