using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Recruiting.IntegrationTests.MailImport;

/// <summary>
/// One Dovecot IMAP server for the whole test run: a config of its own in a temp folder, listening on a free port of
/// 127.0.0.1, run in the foreground as a child process and stopped by killing that process id; the folder is deleted.
/// Dovecot is installed by build/test.sh; when it is missing the tests fail with a message saying so.
/// </summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    public const string Password = "secret-imap-password";
    private const int UserCount = 40;
    private int _nextUser;
    private Process? _process;

    public string Directory { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>Gets a mailbox no other test uses.</summary>
    public string NextUser()
    {
        var n = Interlocked.Increment(ref _nextUser);
        if (n > UserCount)
        {
            throw new InvalidOperationException($"DovecotFixture has {UserCount} users; raise UserCount.");
        }

        return $"import{n}@demo.example";
    }

    public async Task InitializeAsync()
    {
        var dovecot = new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Dovecot is not installed (no /usr/sbin/dovecot). The IMAP tests need it: run ./build/test.sh, which installs dovecot-imapd, or `apt-get install -y dovecot-imapd`.");

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Dovecot tests run on Linux.");
        }

        Directory = System.IO.Directory.CreateTempSubdirectory("recruiting-dovecot-").FullName;
        // A temp folder is 0700; Dovecot's login processes then fail with "missing +x perm".
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var sub in new[] { "run", "state", "mail", "log" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, sub));
        }

        Port = FreePort();
        var root = Environment.UserName == "root";
        var users = new StringBuilder();
        for (var i = 1; i <= UserCount; i++)
        {
            users.Append(CultureInvariant($"import{i}@demo.example:{{PLAIN}}{Password}\n"));
        }

        await File.WriteAllTextAsync(Path.Combine(Directory, "users"), users.ToString());
        await File.WriteAllTextAsync(Path.Combine(Directory, "dovecot.conf"), Config(Directory, Port, root));
        if (root)
        {
            await RunAsync("chown", "-R", "nobody:nogroup", Path.Combine(Directory, "mail"));
        }

        var start = new ProcessStartInfo(dovecot) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-F");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(Directory, "dovecot.conf"));
        _process = Process.Start(start) ?? throw new InvalidOperationException("dovecot did not start.");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitListeningAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private async Task WaitListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                var log = Path.Combine(Directory, "log", "dovecot.log");
                throw new InvalidOperationException($"dovecot exited with {_process.ExitCode}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log")}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Yield();
            }
        }
    }

    private static string CultureInvariant(FormattableString value) => FormattableString.Invariant(value);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(file, args);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}.");
        }
    }

    private static string Config(string dir, int port, bool root)
    {
        var user = Environment.UserName;
        var identity = root
            ? "first_valid_uid = 1\nmail_uid = nobody\nmail_gid = nogroup\n"
            : $"default_internal_user = {user}\ndefault_internal_group = {user}\ndefault_login_user = {user}\nservice anvil {{\n  chroot =\n}}\n";
        var loginChroot = root ? string.Empty : "  chroot =\n";
        return $$"""
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/log/dovecot.log
            info_log_path = {{dir}}/log/dovecot.info.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            mailbox_idle_check_interval = 1 secs
            {{identity}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/users
            }
            userdb {
              driver = static
              args = home={{dir}}/mail/%u
            }
            service imap-login {
            {{loginChroot}}  inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
    }
}

/// <summary>The one collection every Dovecot test joins, so a single server serves the run.</summary>
[CollectionDefinition(Name)]
public sealed class DovecotCollection : ICollectionFixture<DovecotFixture>
{
    public const string Name = "dovecot";
}
