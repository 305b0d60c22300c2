package dev.quorum.server;

import dev.quorum.storage.crypto.Envelope;
import dev.quorum.storage.crypto.MediaCipher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bin/quorum decrypt}: decrypts an encrypted recording or composition with the account's
 * private key, from its media link (the envelope comes in the {@code x-amz-meta-*} headers) or
 * from a downloaded file with the envelope given on the command line.
 */
final class DecryptCommand {

    static final String USAGE = """
            Usage: bin/quorum decrypt --private-key <private_key.pem> --out <file> <media link>
                   bin/quorum decrypt --private-key <private_key.pem> --out <file> <encrypted file> \\
                                      --key <x-amz-meta-x-amz-key> --iv <x-amz-meta-x-amz-iv>
              <media link>  the redirect_to of …/Media (an https link; the headers carry the envelope)
              The private key is PEM (PKCS#8 BEGIN PRIVATE KEY, or PKCS#1 BEGIN RSA PRIVATE KEY:
              convert that with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem).""";

    private DecryptCommand() {}

    /** Runs the command; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        String source = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else if (!a.startsWith("--") && source == null) {
                source = a;
            } else {
                err.println("Unexpected argument: " + a);
                err.println(USAGE);
                return 2;
            }
        }
        if (source == null || !opts.containsKey("private-key") || !opts.containsKey("out")) {
            err.println(USAGE);
            return 2;
        }
        Path outFile = Path.of(opts.get("out"));
        try {
            PrivateKey key = privateKey(Path.of(opts.get("private-key")));
            Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".decrypting", ".tmp");
            try {
                if (source.startsWith("http://") || source.startsWith("https://")) {
                    HttpResponse<InputStream> r = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build()
                            .send(
                                    HttpRequest.newBuilder(URI.create(source)).build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                    if (r.statusCode() != 200) {
                        r.body().close();
                        err.println("The link answered HTTP " + r.statusCode()
                                + (r.statusCode() == 403
                                        ? " (expired or altered: request a new one from …/Media)"
                                        : ""));
                        return 1;
                    }
                    Map<String, String> meta = new HashMap<>();
                    r.headers().map().forEach((name, values) -> {
                        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-meta-") && !values.isEmpty()) {
                            meta.put(
                                    name.substring("x-amz-meta-".length()).toLowerCase(java.util.Locale.ROOT),
                                    values.get(0));
                        }
                    });
                    Envelope env = Envelope.from(meta);
                    if (env == null) {
                        r.body().close();
                        err.println("The media is not encrypted (no x-amz-meta-x-amz-key header)");
                        return 1;
                    }
                    decrypt(r.body(), env, key, tmp);
                } else {
                    if (!opts.containsKey("key") || !opts.containsKey("iv")) {
                        err.println("A file needs --key and --iv (the x-amz-meta-x-amz-key and x-amz-meta-x-amz-iv"
                                + " headers it was downloaded with)");
                        return 2;
                    }
                    decrypt(
                            Files.newInputStream(Path.of(source)),
                            new Envelope(opts.get("key"), opts.get("iv"), null, -1),
                            key,
                            tmp);
                }
                Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            out.println("Decrypted into " + outFile);
            return 0;
        } catch (GeneralSecurityException e) {
            err.println(
                    "Could not decrypt: this private key does not match the public key the media was encrypted with,"
                            + " or the file is damaged (" + e.getMessage() + ")");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Could not decrypt: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void decrypt(InputStream encrypted, Envelope env, PrivateKey key, Path to)
            throws IOException, GeneralSecurityException {
        try (InputStream in = MediaCipher.decrypt(encrypted, env, key)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                throw g;
            }
            throw e;
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    pem + " is a PKCS#1 key; convert it: openssl pkcs8 -topk8 -nocrypt -in " + pem + " -out key8.pem");
        }
        if (!text.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(pem + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY)");
        }
        String body = text.substring(
                        text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
