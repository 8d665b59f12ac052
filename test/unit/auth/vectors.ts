/** Signature vectors published in the DBC wiki (docs/dbc-protocol.md §5.7): raw-bytes sr25519. */
export const WIKI_VECTORS = [
  {
    wallet: '5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4',
    message: '5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6',
    sign: '2460725b2f5e737cd810c773be61b9b27c3b9dbdac4af9cf25c7be9949ad7202a0b7467f71ad843888f482662d3ae2e4fa566d3c1930a3fa90f3dcb97ea4098d',
  },
  {
    wallet: '5HgVTsXnUBmaL5F2RBjKmXMoAeG9Avuyk9tmgnnVx28u2ZrS',
    message: '5t1mv263Qpnu5tk5xPDk86oXGUX8yXaYGpAWj2n6gU45HNmsQqLaAU7',
    sign: 'c494cc517f3c181fd7206d03175b5c0c29d162e53aa88c557887241d104456272dc313501c8ae4e71dbcbae183942a119713974aff87aa1ef3870aa505be6384',
  },
  {
    wallet: '5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4',
    message: '3QRjS1PsbDReGJKVBBRqxUh9RqXB5jbfHJ8bMgGoJ3C9HHHHm9rCmmh',
    sign: 'ca89d0adb44a03c6f22a9205a06e22f682805f8c8ee25dd182e36ceb581899001196ce94c40e2147247f967256d7e010318e4387853939d94ba99c81f16a358f',
  },
  {
    wallet: '5G6Bb5Lo9em2wxm2NcSGiV4APxp5Fr9LtvMSLEspRVSq1yUF',
    message: '3Spg7pK2sn4Yes31tVkTwVoBTz3b4Va74ELngmnUqdvYzvYxmNX3qwp',
    sign: 'c0ebe39a65260e8debd2877f58299011950b0fefee068a87651a539e3cee5438030e7958db7f79a2ffebab9dbb1ec6904ebcf42272908576137f506040017584',
  },
];

/** A throwaway seed used only by tests. */
export const TEST_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
/** The polkadot-js development phrase and its root sr25519 address. */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
export const DEV_PHRASE_ADDRESS = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
