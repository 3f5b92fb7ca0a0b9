namespace Recruiting.Connectors.Boards;

/// <summary>An account field a board needs besides login id and password (Re就活's person-in-charge id).</summary>
/// <param name="Key">The field's key, as stored and as connectors read it from <see cref="BoardCredentials.ExtraFields"/> (for example <c>personInChargeId</c>).</param>
/// <param name="Label">The label people see (for example <c>担当者ID</c>).</param>
/// <param name="Required">Whether an account without it is refused.</param>
/// <param name="MaxLength">The longest value accepted.</param>
public sealed record BoardAccountField(string Key, string Label, bool Required = true, int MaxLength = BoardAccountField.DefaultMaxLength)
{
    /// <summary>The default longest value.</summary>
    public const int DefaultMaxLength = 200;
}
