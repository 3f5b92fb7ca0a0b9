using System.Diagnostics.CodeAnalysis;

namespace Recruiting;

/// <summary>A strongly typed identifier over a non-empty string value.</summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface IStronglyTypedId<TSelf>
    where TSelf : struct, IStronglyTypedId<TSelf>
{
    /// <summary>Gets the underlying value.</summary>
    string Value { get; }

    /// <summary>Creates an identifier from its value.</summary>
    /// <param name="value">A non-empty value of at most <see cref="StronglyTypedId.MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException">The value is empty, whitespace or too long.</exception>
    static abstract TSelf From(string value);
}

/// <summary>Shared rules of strongly typed identifiers.</summary>
public static class StronglyTypedId
{
    /// <summary>The longest identifier value accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Validates an identifier value and returns it.</summary>
    /// <param name="value">The value.</param>
    /// <param name="typeName">The identifier type, for the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value is empty, whitespace or too long.</exception>
    public static string Validate([NotNull] string? value, string typeName)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A {typeName} cannot be empty.", nameof(value));
        }

        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A {typeName} is at most {MaxLength} characters.", nameof(value));
        }

        return value;
    }
}
