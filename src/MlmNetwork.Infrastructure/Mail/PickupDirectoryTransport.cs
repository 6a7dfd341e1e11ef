using MimeKit;

namespace MlmNetwork.Infrastructure.Mail;

/// <summary>
/// Writes each message as an .eml file named after the message, atomically (a temporary file
/// renamed into place): a second attempt at the same message, after a crash between writing and
/// marking it sent, finds the file and writes nothing (ADR 010).
/// </summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailSession>(new Session(Directory));
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task<bool> SendAsync(MimeMessage message, string fileName, CancellationToken ct)
        {
            var path = Path.Combine(directory, fileName);
            if (File.Exists(path))
            {
                return false;
            }

            var temporary = Path.Combine(directory, "." + fileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                await message.WriteToAsync(temporary, ct);
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another worker put the same message in place first: it is delivered once.
                return false;
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
