/*
 * mailwire/errors.h - the error values that go into the last-error slot.
 *
 * One table generates the values, their names and their descriptions, so the
 * three cannot drift apart. Values carry bit 29 (the Win32 "customer" bit)
 * so they never collide with system error codes kept in the same slot.
 * The numbers are stable: new errors are only ever appended.
 */
#ifndef MAILWIRE_ERRORS_H
#define MAILWIRE_ERRORS_H

#define MAILWIRE_ERROR_BASE 0x20000000

/* X(name, number, description) */
#define MAILWIRE_ERROR_TABLE(X)                                                        \
    X(ST_ERROR_INVALID_PARAMETER, 1, "An invalid parameter was passed to the function") \
    X(ST_ERROR_INVALID_HANDLE, 2, "The client handle is not valid")                    \
    X(ST_ERROR_NOT_HANDLE_OWNER, 3, "The calling thread does not own the client handle") \
    X(ST_ERROR_HANDLE_BUSY, 4, "Another call on the client handle is in progress")     \
    X(ST_ERROR_NOT_INITIALIZED, 5, "The library has not been initialized")             \
    X(ST_ERROR_IN_PROGRESS, 6, "An asynchronous connection has not finished yet")      \
    X(ST_ERROR_HOST_NOT_FOUND, 7, "The host name could not be resolved")               \
    X(ST_ERROR_CONNECTION_REFUSED, 8, "The connection was refused by the remote host") \
    X(ST_ERROR_TIMEOUT, 9, "The operation timed out")                                  \
    X(ST_ERROR_CANCELLED, 10, "The operation was cancelled")                           \
    X(ST_ERROR_CONNECTION_CLOSED, 11, "The server closed the connection")              \
    X(ST_ERROR_TLS_HANDSHAKE_FAILED, 12, "The secure connection could not be negotiated") \
    X(ST_ERROR_CERTIFICATE_UNTRUSTED, 13, "The server certificate is not trusted")     \
    X(ST_ERROR_CERTIFICATE_NAME_MISMATCH, 14,                                          \
      "The server certificate does not match the host name")                           \
    X(ST_ERROR_CERTIFICATE_EXPIRED, 15, "The server certificate has expired or is not yet valid") \
    X(ST_ERROR_SECURE_NOT_SUPPORTED, 16,                                               \
      "The server does not support the required secure connection")                    \
    X(ST_ERROR_AUTH_FAILED, 17, "Authentication failed: the server rejected the credentials") \
    X(ST_ERROR_AUTH_NOT_SUPPORTED, 18,                                                 \
      "No usable authentication mechanism is supported by the server")                 \
    X(ST_ERROR_ALREADY_AUTHENTICATED, 19, "The session is already authenticated")      \
    X(ST_ERROR_NOT_AUTHENTICATED, 20, "The session is not authenticated")              \
    X(ST_ERROR_NO_MAILBOX_SELECTED, 21, "No mailbox is selected")                      \
    X(ST_ERROR_MAILBOX_NOT_FOUND, 22, "The mailbox does not exist")                    \
    X(ST_ERROR_MESSAGE_NOT_FOUND, 23, "The message does not exist")                    \
    X(ST_ERROR_COMMAND_REJECTED, 24, "The server rejected the command")                \
    X(ST_ERROR_COMMAND_MALFORMED, 25, "The server reported the command as malformed")  \
    X(ST_ERROR_PROTOCOL_VIOLATION, 26, "The server sent an invalid or unexpected response") \
    X(ST_ERROR_RESPONSE_TOO_LARGE, 27, "A server response exceeds the library's limits") \
    X(ST_ERROR_BUFFER_TOO_SMALL, 28, "The buffer is too small for the data")           \
    X(ST_ERROR_OUT_OF_MEMORY, 29, "Not enough memory to complete the operation")       \
    X(ST_ERROR_FILE_IO, 30, "A local file could not be read or written")               \
    X(ST_ERROR_NO_MORE_MAILBOXES, 31, "There are no more mailboxes")                   \
    X(ST_ERROR_NO_MORE_MESSAGES, 32, "There are no more messages")                     \
    X(ST_ERROR_NOT_CONNECTED, 33, "The client is not connected")                       \
    X(ST_ERROR_MAILBOX_IN_USE, 34, "The mailbox is locked by another session")         \
    X(ST_ERROR_SERVER_UNAVAILABLE, 35, "The server is temporarily unavailable")        \
    X(ST_ERROR_NETWORK, 36, "A network error occurred")                                \
    X(ST_ERROR_NOT_SUPPORTED, 37, "The server does not support the operation")        \
    X(ST_ERROR_UNKNOWN_CHARSET, 38, "The text is in a character set the library does not convert") \
    X(ST_ERROR_MESSAGE_TOO_COMPLEX, 39, "The message's MIME structure exceeds the library's limits")

#define MAILWIRE_ERROR_ENUM_ENTRY(name, number, text) name = MAILWIRE_ERROR_BASE + (number),

/* ST_ERROR_NONE (0) is the value of a slot nothing has failed in yet. */
enum MAILWIRE_ERROR_VALUES {
    ST_ERROR_NONE = 0,
    MAILWIRE_ERROR_TABLE(MAILWIRE_ERROR_ENUM_ENTRY)
    ST_ERROR_LAST_PLUS_ONE
};

#endif /* MAILWIRE_ERRORS_H */
