using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Recruiting.Connectors.Boards;

/// <summary>Configures board import: connectors and boards. Returned by <c>AddBoardImport()</c>.</summary>
public sealed class BoardImportBuilder
{
    internal BoardImportBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a connector (a singleton; adding the same type twice registers it once).</summary>
    /// <typeparam name="TConnector">The connector type.</typeparam>
    /// <returns>The builder.</returns>
    public BoardImportBuilder AddConnector<TConnector>()
        where TConnector : class, IBoardConnector
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IBoardConnector, TConnector>());
        return this;
    }

    /// <summary>Registers a board besides the default ones, or replaces a default board of the same service name (for example with CSV columns of its own).</summary>
    /// <param name="board">The board.</param>
    /// <returns>The builder.</returns>
    public BoardImportBuilder AddBoard(BoardRegistration board)
    {
        ArgumentNullException.ThrowIfNull(board);
        Services.AddSingleton(board);
        return this;
    }
}
