using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Recruiting;
using Recruiting.Connectors.Boards;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds board import to the Recruiting SDK.</summary>
public static class BoardImportRecruitingBuilderExtensions
{
    /// <summary>Adds board import: the board registry, accounts, the import pipeline and manual CSV files.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <returns>A builder to add connectors and boards to.</returns>
    public static BoardImportBuilder AddBoardImport(this RecruitingBuilder builder) => builder.AddBoardImport(static _ => { });

    /// <summary>Adds board import: the board registry, accounts, the import pipeline and manual CSV files.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to add connectors and boards to.</returns>
    public static BoardImportBuilder AddBoardImport(this RecruitingBuilder builder, Action<BoardImportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        services.AddOptions<BoardImportOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BoardImportOptions>, BoardImportOptionsValidator>());
        services.TryAddSingleton<IBoardRegistry>(sp =>
        {
            // Boards added by the host replace default boards of the same name.
            var added = sp.GetServices<BoardRegistration>().ToList();
            var names = added.Select(b => b.ServiceName).ToHashSet(StringComparer.Ordinal);
            return new BoardRegistry([.. BoardRegistry.DefaultBoards.Where(b => !names.Contains(b.ServiceName)), .. added]);
        });
        services.TryAddSingleton(sp => new BoardImportMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<BoardImportPipeline>();
        services.TryAddSingleton<IBoardAccounts, BoardAccountService>();
        services.TryAddSingleton<IBoardFileImporter, BoardFileImporter>();
        return new BoardImportBuilder(services);
    }
}
