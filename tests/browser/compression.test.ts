/**
 * The compression decoders in real Chromium: zstd-wasm loads and decodes; the
 * DecompressionStream fast path is taken for one clean gzip member and declines (returns
 * null) for multi-member and zero-padded streams, after which the caller's restart with
 * GzipDecoder gives the right bytes. No CLI tools here: gzip data is made in-test with
 * CompressionStream('gzip'); the zstd stream is a constant made by the real zstd (below).
 */
import { describe, expect, it } from 'vitest';
import type { GzipInfo, OnData, ZstdInfo } from '../../src/formats/compression';
import { createDecoder } from '../../src/formats/decoder';
import { GzipDecoder } from '../../src/formats/gzip/decoder';
import { decompressionStreamIsStrict, inflateFast, isDecompressionStreamAvailable } from '../../src/formats/gzip/fast';

/**
 * Deterministic content: a 2 KiB LCG block repeated, one byte changed per repeat. The zstd
 * constant below was made from it (Node: write content(1200000) to a.bin, content(300000)
 * to b.bin) with zstd 1.5.4:
 *   zstd -19 a.bin -o a.zst; cat b.bin | zstd -19 --no-check > b.zst   (b: no content size)
 *   printf 'P*M\x18\x05\x00\x00\x00hello' > s.bin                        (a skippable frame)
 *   cat s.bin a.zst b.zst | base64
 */
function content(n: number): Uint8Array {
  const block = new Uint8Array(2048);
  let x = 12345;
  for (let i = 0; i < block.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    block[i] = x >>> 24;
  }
  const out = new Uint8Array(n);
  for (let p = 0, r = 0; p < n; p += 2048, r++) {
    const b = block.slice();
    b[r % 2048] = r & 0xff;
    out.set(b.subarray(0, Math.min(2048, n - p)), p);
  }
  return out;
}

const ZSTD_STREAM_B64 =
  'UCpNGAUAAABoZWxsbyi1L/2kgE8SAAxHAOSHAKfWDcI+za8gr2mWJlJlfua7RNCfWlt9qrnaXpYCZAXMH0fBspdSWyf86rHakM1G' +
  '2XOyak+Cr45HrxPmCYoZckY+sAw6JzAPeeW3yAJ6lKzf3OoXWQZ+A5R/VgUe0ZR0uG6/lGMAZSWQG7mf3tukGtbMcJuRR/43MAck' +
  'XJyttjDkdFC9SE/fc7Mshjc6FVP15Xn1d9S/UPyHA6jO04/MyttzaaMNXnZL9IFf0GsrZp+BclbnDgeDo9AKunSgho9i9uk8JOGT' +
  '7HwvXjLiV7cMdG2jnOU00JH4EI3dp209JRLdrynUAm7zTxDkmSNr8t7Ns1T6JUjsYUMX3UH7MPoe8oH8uQe2jieLCxHZhqSy5QCu' +
  'KdEXWkbDSYAlwT9poHgVI2GjzFSrD3NkveQ3iWaUXwIhr+mE5HZJs2vmfyaunIpNzMruO5sgxCaeV6AtG8k1n5pLhOvrJQHkkuID' +
  'ATxeXdaIPfLXULq4LUN8Zy950M7ES4uLw5llqBJalU4eAwCU4Ds1HKHXKQYfG0luu8VgbfhHfl9JS7nyC1yMIS9VLjPb5hpqHlml' +
  '4WxuX9OI4JxTEABiHsd4jhBlEfx2cR8DOYHnf5jdHVL1VGIL79pFE78uQJ+glbM/roTLy4au7QOh2vghG3qDQW7f9khYgA7A6r4w' +
  'yXoVqxLzmbmIxDvmH2M3MOwonwls8uMJu9/U7gsIeFSi/LUtOYWe523h+cq0cjj/9asASb2iBFO1k8A2xUtjixU07iDRhFw6ZMdW' +
  '+Yy8yDWBUV33CB6taDW9tdMv4M4SPOlJhuaLZ3f/nktu2y4e/Px/geYMfxq74+OzTvTwV4FboVaBbbMfO37LXr9DrrzYAllHA3Zb' +
  'T5gVx0bJKqHly+KdtEpIka8CzOyfHtAgcaxavZFX3sYgKM5lhQdVE7BBb9gPOkU0DySC361a/WJYt/ZGUAjITClwuvkTZGRlNo/J' +
  'DBvEHygE0uK5r92tUdiR9EuCV6P51VAz+CDXsa5FvOaum3h7dhwc3dBdrjHDpDKf3i2hzVJZhz8SZvYFBfUt5e5eAOyjtO0OsvZv' +
  'SIu7627OZmGNWbesjzcu8ZF6rKEUuT4l8K30DL0sSV4aeWdpBKZOLBeOvTWAkEuU9hwbNOy4IcrxEs8c3EavVz1YP7curBKzjOkF' +
  'cx6DG0g+8j5fEE/67kTKBpwNQg3PsO8nPOjk6MP34vWTHLCLEeACXvVRn8itLUkj5pqh1driAUy4WAwWRlBrvp3d9xKQwE4QJ62F' +
  'kz7YfoAyeh4DJaxOKkrRnu1CfPFfeG9xsgIt0zSAS5lz9WHYQJJTsSH7UpCIbNHSx9hLX6HiinP8PuGJ+OiAMYpBzTxS9nKORUOF' +
  'gHnzA5oORnkbG3uUjwq5A2fVo8xdB64PEXMp1CUQfmTQWxI+pTfkrQgtuqCThYUoXY9S3ekj4wM1KtIhIa/Mdi/ZV4NdwSl9hAb0' +
  'aomfTE1YN++LXyakdgbLc6tq3OeySeqsA+o4pmhooFtdthdY30Mq1NsDYNAcW3ZrcyPbJXfF0VYWLTYI2gvA/I2cOo2zARG0/NYy' +
  'Y5iJGPYkrX95lEYd+EXHXhgrP/i/vPneaw504J9MlQVzeGBnKxajJHFAa6iPQRFhvqBTp2pZxmcQnnrZAlS3TzU1LOf7TN20OCLQ' +
  'mnbpIfv4aBH1nXw6xDN/7Iijx3OT+De16jh1b6WUSwxlY0jM9Oegv9rV7MVwKTeex6eHuV8oz0CJiu+o9+g3schnlKAiwU8fFmwZ' +
  'FnPjuWO5jqA1TUs7jK16vxQ4MtBQz/Av5mPeam84lSIXYOxlB9E0SlAFBqXXC2qaeoENanPPyaqnpa/Raplkz+xXbgZTytHrLzgY' +
  'JNchmuDfeK/IomsXvaXgwVBFX8OX+QMs0w2u+RKypFy5wjwkm4JO6hVgk11QXhi9oLR9fZzamohv9tGcfXcUylNIdP+E38Au6yuC' +
  'd3UNXmlj5K82qmnhfunL1AUU1l51zJWr/v6uGIRPgL2ia6nNpyp/gG87vCemu0al3uzkZY3pUJPQGOIrk7LWGXGd5I90cqxGhXUl' +
  'SDTPG3spRXEWXV2fpwCPq1qd8p+02KAu1+miDSKxKjGp+nX83UaLC21MxiIv9sl1k4JXS/gkOLLmPA/AAwnXqkBkbpaa81j5cN+v' +
  '9D/z2+dPupdFnf9TVAi/+F+ifKaWi3nkks9GcEEwtYyuthiE5pRe0vWlbwy6lt6KAYTZbDeV4G+W5rTEpM2IwWRBXi+Q8h+VvV/W' +
  'qUD0JN04/cerCvbXEkOTDHCdcDGbp1ae9UKHTNv9Z/KeA5M19RIpzJDJ0jw8NdZ7vGZQpFSCO4mYk/3PBxGi3ojY7dTBGfJJ9mnX' +
  'hscH/oge9LDuE37/r4lYiC7rTkQOMlON3R9TD3thHkHM+02jGDb33T3qn35845/qjcUJzFWTwQZL1kMCewNT17yMmKlq0dwy19Zm' +
  'XzRutXGqPJAE4s0v+TKa5xc+urPtpJd3QRvmzBYgws4X/Zwh9t9nMAQ9L2ISxQy5aZUQJGJrqXHpIpyr+peET+XVj6beIsUuLk00' +
  '3QlQt6/eLDrHoZe4DWjUQRpd2N7f1ZYQRhoGRs8xVIHfoz0UPCeNGvqiRyjL1eBUdsqbf+y/+Jk7KbpBUgfw62OwEYZOwx08Vug5' +
  'xyiPUnzX1rL/ZEeOTP0SCHvx+BpvHwxvXk78HNyzgsXRn0SSjhMkDeav3cb6QGxXJuTTAacC1gMNBMIFPgbNB68IIAmvCmkLlgwm' +
  'DVIOZQ9+EOYRuxJEE9AUnxVaFlsXfRiqGbka2hteHJYdAh5kHwUgzCEfIkcjwSSyJZcmUidbKCcp/CrqK7Es2i2QLs0vRjDZMXMy' +
  'sjNqNE81gjavN444RzmvOhM75jwJPYo+GT8/pBHk7//fAeD3My69888///zzzz///PPPP//8888///zzzz//+Oeff/75559//vnn' +
  'n3/++eeff/75559//vHPP/75559//vnnn3/++eeff/75559//vnHP/9hEgD/A0hVLAcAFAjTckBGQT5CsEMMRDpFJ0YwRw9IeUnl' +
  'SrdLyEwCTXpOlE+sUN9R3FLqUxdUWVUGVn5XA1iUWX9aVlsFXB5d0V6UX3RguGFuYr9jlGRjZQBmZWclaJBpG2q5a59s3m3bbqRv' +
  'GnDWccxycHObdJF1R3b+dzd4MHkHeiR7XHycfa1+tn9BmBAQPwAS+P//dxDYP33zzz///PPPP//8888///zzzz//+eeff/75559/' +
  '/vnnn3/++eeff/7zzz///PPPP//4559//vnnn3/++c8///zzzz///PPPP//8888///zzr/xNQUwIAAQJ0zCA5IF0glCDvYRIhU+G' +
  '34dziLOJLIqGizeMOo0VjlOP9ZDlkXmS9ZN3lNSVv5ZQl/yYh5kDmqibzpzTnY+ezJ/KoNuhc6Jpo6SlDV6mXnandkuoS/Sp9IGq' +
  'gV+rX9Cs0GutayuuK2avZp+wn4GxgXKyclazVue05w61Dge2B4O3g6O4o9C5u3S8oL2Gvo+/QqgwRn3w2c8yCPz//98g8A8984//' +
  '/D//qCoS+h9A+7t/+7O//d9/+7e//d+//dvf/u/f/u3P/u/f/u2f9t//2v4HIP/4zz/++c///Ocf//jnP//5zz/+8Y///M9//vGP' +
  'f/7zn//84z/++c9//vOPf/zz//XOVxc8BwDkB9NiwPbB6cI8wyTE4cWTxuzHfMgvyV7KMsvizFfNt84Mz3TQbdGj0pzT5dQ01dDW' +
  'kdf42BDZjdrd26fcbd093iXfEuDd4a/iKePU5ALlbubz50/oEOnk6pnrI+xr7fLu3u/N8LPxVPL68yX0SPXs9mH3Q/gX+d36/DD9' +
  '+v4e/0KYIMQHADII/P//7yDoD/3yz//hH7qAf/75559//vnnn3/+888///zzzz///PPPP/7zzz///PPPP//8459//vnnn3/++eef' +
  'f/zzz3/++eeff/75xz///PPPP//8888///jn3yy7/A3cBgAUCNPyAIEB/AK5AwcEtgWOBicHiwgLCREK2QuGDKQNsg7lDwAQrhEp' +
  'EtETFxRaFUYWwxdJGIAZJRrBGz8caR2gHngfFSAjIWEioyPMJFQlqyYPJ3MoZCm9KuQrNyyJLWYulC9fMAIxITKvM+k0hDXkNnY3' +
  'STizOWs65jt/PCY9rj6cP0HcAL3yzz///PPPP//8849//vnnn3/++eeff/zzj3/++eeff/755x///PPPP//8888///jnn3/+8c8/' +
  '//zzzz/++eeff/75559//vHPP//8888//oO5N93kCQCEC66cikCcik1Bik3MQk3MykPMyu5Eyu47Re47m0Y7myBHmyDESCDEJknE' +
  'Jp5KJp5XS55XoExXoC1NoC0bTi0byU8byTVQyTWfUTWfmlKfmktTmkuEVEuE61WE6+tW6+slV+slAVglAeRZAeSSWuSS4luS4gNc' +
  '4gMBXQNfAWBhYl1j1mSIZT1m8mfXaFBpumq4ay1sQ218bmdvL3B5cdByznPEdEt1i3aLd8N4mXlleqh7EnxafZV+Tn9iqCBueuD3' +
  'O7ISgv///xUC/n0m/+W//J2/5N/8kT/yv/xX/sh/+Tv/yB/5I//kX/lL/pQ/8nf+kT/yR/7Jv/KX/JU/hv7Cl//nf1n6HwD0v/7U' +
  'P/2nP/pD/+iP/tEf/UP/6I/+0R/9oX/0R//oj/7QP/qjf/RHf+gf/dE/+oeQTtyDfAcA9AeAA4EAgpSD4IQ7hTWGHIehiNeJKYoG' +
  'ix+MG41Jjm6Pu5DFkWCSbZP4lEeVfpZfl0mYS5m5mvKbC5xcnYyeIZ8voFWhLqIzo9uk5qUapmqnHqhZqaWq4atsrG6tX67Tr4iw' +
  '4LGcslOzELQAtWK2HrfHuHi5jroQu2W8Eb38vna/gIGcIH4APZb/+Z+/+Sv/8yd/5n/+z5/8z9/8kz/5M//yL3/lb/7kb/7Jn/mT' +
  'f/mXv/I3f/I3/8yf/Mm//Mtf+Zs/+Tv/5E/+5F/+5a/8zZ/5m3/yJ3/yL//yV/7On/zNP/mTP/mXf/nbfUAvDgJsBwD0B8AfwQPC' +
  'OcOBxOfFf8aYx93IHclSyvXLVMxizQvO78/a0EXRE9K/0y7UQNWf1qDXldiz2T/artuE3Mvdy96G367g7eED4qHj2uT45SHmG+d6' +
  '6IPpQepu69/s9u1I7ljvgPAO8cDy6vO+9DD1yfZ69xX4q/kS+vP7mfy5/Yj+xP+AgdwA/ZX/+Z+/+Sv/8yd/5n/+z5/8z9/8kz/5' +
  'M//yL3/lb/7kb/7Jn/mTf/mXv/I3f/I3/8yf/Mm//Mtf+Zs/+Tv/5E/+5F/+5a/8zZ/5m3/yJ3/yL//yV/7On/zNP/mTP/mXf/nb' +
  'fUA3DgIECgAECwDmAR8CYwM3BDAF7AYoB58ICQkKbLsL8t8MDe4OuwsP3wgQ1HgR7lQSC6ITCPwUeLUVVC0WojkX/IUYtZ4ZLeca' +
  'OW0bheEcnvkd58oebbQf4XIg+Tghyv8itPUjcqskOAAl/0km9b0nq6IoAAQpSVMqvbUropMsBMAtUzYutcUvk0swwGMxNosyxRUz' +
  'SzQ0Y+41iyA2FdE3NIQ47lw5IDo60WQ7hMc8XFY9Ovk+ZIw/gICoIOYD4Pc78gsQgv///xMC/r0t/oy/4+/4L/4Bf8Q/8V/8Jf6P' +
  'f8E/8Wf8H//Hf/Ev+C/+EX/F3/F//AX8FX/G3/Ff/Bd/AP/EP/FX/B//xz/gr/g3/o//xP/xL/gn/oi/4//4W/wJ/oo/ZP6PDP6P' +
  '/+L/sfofQPLf/Cv/5r/5c/6b/+ef+TddoN8+IOUBANhWQPlBNUKMgUO8UUTIXUU190aBCEdRHkhdrUkV2AAQ4////5sHMy3+iP/j' +
  '7/hf/Av+iH80f8+/VDkgCHozKO4otS/9AGgMRwDkhwCn1g3CPs2vIK9pliZSZX7mu0TQn1pbfaq52l6WAmQFzB9HwbKXUlsn/Oqx' +
  '2pDNRtlzsmpPgq+OR68T5gmKGXJGPrAMOicwD3nlt8gCepSs39zqF1kGfgOUf1YFHtGUdLhuv5RjAGUlkBu5n97bpBrWzHCbkUf+' +
  'NzAHJFycrbYw5HRQvUhP33OzLIY3OhVT9eV59XfUv1D8hwOoztOPzMrbc2mjDV52S/SBX9BrK2afgXJW5w4Hg6PQCrp0oIaPYvbp' +
  'PCThk+x8L14y4le3DHRto5zlNNCR+BCN3adtPSUS3a8p1AJu808Q5Jkja/LezbNU+iVI7GFDF91B+zD6HvKB/LkHto4niwsR2Yak' +
  'suUArinRF1pGw0mAJcE/aaB4FSNho8xUqw9zZL3kN4lmlF8CIa/phOR2SbNr5n8mrpyKTczK7jubIMQmnlegLRvJNZ+aS4Tr6yUB' +
  '5JLiAwE8Xl3WiD3y11C6uC1DfGcvedDOxEuLi8OZZagSWpVOHgMAlOA7NRyh1ykGHxtJbrvFYG34R35fSUu58gtcjCEvVS4z2+Ya' +
  'ah5ZpeFsbl/TiOCcUxAAYh7HeI4QZRH8dnEfAzmB53+Y3R1S9VRiC+/aRRO/LkCfoJWzP66Ey8uGru0Dodr4IRt6g0Fu3/ZIWIAO' +
  'wOq+MMl6FasS85m5iMQ75h9jNzDsKJ8JbPLjCbvf1O4LCHhUovy1LTmFnudt4fnKtHI4//WrAEm9ogRTtZPANsVLY4sVNO4g0YRc' +
  'OmTHVvmMvMg1gVFd9wgerWg1vbXTL+DOEjzpSYbmi2d3/55LbtsuHvz8f4HmDH8au+Pjs0708FeBW6FWgW2zHzt+y16/Q6682AJZ' +
  'RwN2W0+YFcdGySqh5cvinbRKSJGvAszsnx7QIHGsWr2RV97GICjOZYUHVROwQW/YDzpFNA8kgt+tWv1iWLf2RlAIyEwpcLr5E2Rk' +
  'ZTaPyQwbxB8oBNLiua/drVHYkfRLglej+dVQM/gg17GuRbzmrpt4e3YcHN3QXa4xw6Qyn94toc1SWYc/Emb2BQX1LeXuXgDso7Tt' +
  'DrL2b0iLu+tuzmZhjVm3rI83LvGReqyhFLk+JfCt9Ay9LEleGnlnaQSmTiwXjr01gJBLlPYcGzTsuCHK8RLPHNxGr1c9WD+3LqwS' +
  's4zpBXMegxtIPvI+XxBP+u5EygacDUINz7DvJzzo5OjD9+L1kxywixHgAl71UZ/IrS1JI+aaodXa4gFMuFgMFkZQa76d3fcSkMBO' +
  'ECethZM+2H6AMnoeAyWsTipK0Z7tQnzxX3hvcbICLdM0gEuZc/Vh2ECSU7Eh+1KQiGzR0sfYS1+h4opz/D7hifjogDGKQc08UvZy' +
  'jkVDhYB58wOaDkZ5Gxt7lI8KuQNn1aPMXQeuDxFzKdQlEH5k0FsSPqU35K0ILbqgk4WFKF2PUt3pI+MDNSrSISGvzHYv2VeDXcEp' +
  'fYQG9GqJn0xNWDfvi18mpHYGy3OratznsknqrAPqOKZoaKBbXbYXWN9DKtTbA2DQHFt2a3Mj2yV3xdFWFi02CNoLwPyNnDqNswER' +
  'tPzWMmOYiRj2JK1/eZRGHfhFx14YKz/4v7z53msOdOCfTJUFc3hgZysWoyRxQGuoj0ERYb6gU6dqWcZnEJ562QJUt081NSzn+0zd' +
  'tDgi0Jp26SH7+GgR9Z18OsQzf+yIo8dzk/g3teo4dW+llEsMZWNIzPTnoL/a1ezFcCk3nsenh7lfKM9AiYrvqPfoN7HIZ5SgIsFP' +
  'HxZsGRZz47ljuY6gNU1LO4yter8UODLQUM/wL+Zj3mpvOJUiF2DsZQfRNEpQBQal1wtqmnqBDWpzz8mqp6Wv0WqZZM/sV24GU8rR' +
  '6y84GCTXIZrg33ivyKJrF72l4MFQRV/Dl/kDLNMNrvkSsqRcucI8JJuCTuoVYJNdUF4YvaC0fX2c2pqIb/bRnH13FMpTSHT/hN/A' +
  'Lusrgnd1DV5pY+SvNqpp4X7py9QFFNZedcyVq/7+rhiET4C9omupzacqf4BvO7wnprtGpd7s5GWN6VCT0BjiK5Oy1hlxneSPdHKs' +
  'RoV1JUg0zxt7KUVxFl1dn6cAj6tanfKftNigLtfpog0isSoxqfp1/N1GiwttTMYiL/bJdZOCV0v4JDiy5jwPwAMJ16pAZG6WmvNY' +
  '+XDfr/Q/89vnT7qXRZ3/U1QIv/hfonymlot55JLPRnBBMLWMrrYYhOaUXtL1pW8MupbeigGE2Ww3leBvlua0xKTNiMFkQV4vkPIf' +
  'lb1f1qlA9CTdOP3Hqwr21xJDkwxwnXAxm6dWnvVCh0zb/WfyngOTNfUSKcyQydI8PDXWe7xmUKRUgjuJmJP9zwcRot6I2O3UwRny' +
  'SfZp14bHB/6IHvSw7hN+/6+JWIgu605EDjJTjd0fUw97YR5BzPtNoxg299096p9+fOOf6o3FCcxVk8EGS9ZDAnsDU9e8jJipatHc' +
  'MtfWZl80brVxqjyQBOLNL/kymucXPrqz7aSXd0Eb5swWIMLOF/2cIfbfZzAEPS9iEsUMuWmVECRia6lx6SKcq/qXhE/l1Y+m3iLF' +
  'Li5NNN0JULev3iw6x6GXuA1o1EEaXdje39WWEEYaBkbPMVSB36M9FDwnjRr6okcoy9XgVHbKm3/sv/iZOym6QVIH8OtjsBGGTsMd' +
  'PFboOccoj1J819ay/2RHjkz9Egh78fgabx8Mb15O/Bzcs4LF0Z9Eko4TJA3mr93G+kBsVybk0wGnAtYDDQTCBT4GzQevCCAJrwpp' +
  'C5YMJg1SDmUPfhDmEbsSRBPQFJ8VWhZbF30Yqhm5GtobXhyWHQIeZB8FIMwhHyJHI8EksiWXJlInWygnKfwq6iuxLNotkC7NL0Yw' +
  '2TFzMrIzajRPNYI2rzeOOEc5rzoTO+Y8CT2KPhk/P6QR5O//3wHg9zMuvfPPP//8888///zzzz///PPPP//8888///jnn3/++eef' +
  'f/75559//vnnn3/++eeff/7xzz/++eeff/75559//vnnn3/++eeff/75xz//YRIA/wNIVSwHABQI03JARkE+QrBDDEQ6RSdGMEcP' +
  'SHlJ5Uq3S8hMAk16TpRPrFDfUdxS6lMXVFlVBlZ+VwNYlFl/WlZbBVweXdFelF90YLhhbmK/Y5RkY2UAZmVnJWiQaRtquWufbN5t' +
  '226kbxpw1nHMcnBzm3SRdUd2/nc3eDB5B3oke1x8nH2tfrZ/QZgQED8AEvj//3cQ2D99888///zzzz///PPPP//8888///nnn3/+' +
  '+eeff/75559//vnnn3/+888///zzzz//+Oeff/75559//vnPP//8888///zzzz///PPPP//886/8TUGFAgB0AtMwgOSBdIJQg72E' +
  'SIVPht+Hc4iziSyKhos3jDqNFY5Tj/WQ5ZF5khTYABD+//93hMYHSvnnn3/8888///zjn3/++c8///znn3/8T9kABA==';

function fromBase64(s: string): Uint8Array {
  const raw = atob(s);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function sha256(b: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', b));
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function gzipWithPlatform(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const out = await new Response(new Blob([data]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  return new Uint8Array(out);
}

/** Tar-like test data: headers of text and bodies of pseudo-random and repetitive bytes. */
function tarLike(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = 99;
  const text = new TextEncoder().encode('usr/share/doc/package/changelog.Debian.gz 0000644 0000000 0000000 ');
  for (let p = 0; p < size; ) {
    out.set(text.subarray(0, Math.min(text.length, size - p)), p);
    p += 512;
    const body = Math.min(size - p, 4096 + (p % 7) * 1024);
    for (let i = 0; i < body; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      out[p + i] = i % 3 === 0 ? x >>> 24 : 0x61 + (i % 26);
    }
    p += body;
  }
  return out;
}

/**
 * What a caller does: try the fast path; on null, discard what it delivered and start
 * again from byte 0 with GzipDecoder (the contract in src/formats/gzip/fast.ts).
 */
async function inflateBlob(blob: Blob): Promise<{ bytes: Uint8Array<ArrayBuffer>; info: GzipInfo; fastDeliveredBeforeNull: number }> {
  let parts: Uint8Array[] = [];
  const keep: OnData = (c) => parts.push(c.slice());
  const fast = await inflateFast(blob, keep);
  if (fast) return { bytes: concat(parts), info: fast, fastDeliveredBeforeNull: 0 };
  const delivered = parts.reduce((n, p) => n + p.length, 0);
  parts = [];
  const dec = new GzipDecoder(keep);
  const reader = blob.stream().getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    dec.write(value);
  }
  return { bytes: concat(parts), info: dec.end(), fastDeliveredBeforeNull: delivered };
}

describe('compression in Chromium', () => {
  it('zstd-wasm loads and decodes frames, a skippable frame and a frame without content size', async () => {
    const stream = fromBase64(ZSTD_STREAM_B64);
    const parts: Uint8Array[] = [];
    const dec = await createDecoder('zstd', (c) => parts.push(c.slice()));
    for (let i = 0; i < stream.length; i += 1000) dec.write(stream.subarray(i, i + 1000));
    const info = dec.end() as ZstdInfo;
    const want = concat([content(1_200_000), content(300_000)]);
    expect(await sha256(concat(parts))).toBe(await sha256(want));
    expect(info.frames.map((f) => [f.kind, f.uncompressedSize, f.contentSize ?? null])).toEqual([
      ['skippable', 0, null],
      ['zstd', 1_200_000, 1_200_000],
      ['zstd', 300_000, null],
    ]);
  });

  it("Chromium's DecompressionStream rejects concatenated members and zero padding (so the fast path is used)", async () => {
    expect(isDecompressionStreamAvailable()).toBe(true);
    expect(await decompressionStreamIsStrict()).toBe(true);
  });

  it('fast path: a single-member gzip gives the right bytes and header', async () => {
    const data = tarLike(8 * 1024 * 1024);
    const gz = await gzipWithPlatform(data);
    const r = await inflateBlob(new Blob([gz]));
    expect(r.info.inflater).toBe('DecompressionStream');
    expect(r.info.members).toHaveLength(1);
    expect(r.info.members[0]).toMatchObject({ offset: 0, compressedSize: gz.length, uncompressedSize: data.length, isize: data.length });
    expect(r.info.members[0].header.method).toBe(8);
    expect(await sha256(r.bytes)).toBe(await sha256(data));
  });

  it('fast path: one reused read buffer over many reads gives the right bytes', async () => {
    // Each read overwrites the buffer the previous one filled (io/read.ts `reuse`): right only
    // if DecompressionStream is done with a chunk when its write resolves.
    const data = tarLike(12 * 1024 * 1024);
    const gz = await gzipWithPlatform(data);
    for (const chunkSize of [64 * 1024, 1024 * 1024 + 3, undefined]) {
      const parts: Uint8Array[] = [];
      let reads = 0;
      const info = await inflateFast(
        new Blob([gz]),
        (c) => parts.push(c.slice()),
        undefined,
        () => reads++,
        chunkSize,
      );
      expect(info?.inflater).toBe('DecompressionStream');
      expect(reads).toBeGreaterThan(1);
      expect(await sha256(concat(parts))).toBe(await sha256(data));
    }
  });

  it('multi-member gzip: the fast path returns null, the GzipDecoder restart gives the right bytes', async () => {
    const a = tarLike(3 * 1024 * 1024);
    const b = tarLike(1024 * 1024 + 17);
    const gz = concat([await gzipWithPlatform(a), await gzipWithPlatform(b)]);
    expect(await inflateFast(new Blob([gz]), () => {})).toBeNull();
    const r = await inflateBlob(new Blob([gz]));
    expect(r.info.inflater).toBe('pako');
    expect(r.info.members.map((m) => m.uncompressedSize)).toEqual([a.length, b.length]);
    expect(await sha256(r.bytes)).toBe(await sha256(concat([a, b])));
  });

  it('two identical members (same CRC and ISIZE as the last trailer): still null, then right bytes', async () => {
    const a = tarLike(2 * 1024 * 1024);
    const one = await gzipWithPlatform(a);
    const gz = concat([one, one]);
    const r = await inflateBlob(new Blob([gz]));
    expect(r.info.inflater).toBe('pako');
    expect(r.info.members).toHaveLength(2);
    expect(await sha256(r.bytes)).toBe(await sha256(concat([a, a])));
  });

  it('zero padding: the fast path returns null, the restart reports the padding and gives the right bytes', async () => {
    const a = tarLike(2 * 1024 * 1024);
    const gz = concat([await gzipWithPlatform(a), new Uint8Array(10240)]);
    expect(await inflateFast(new Blob([gz]), () => {})).toBeNull();
    const r = await inflateBlob(new Blob([gz]));
    expect(r.info.trailingBytes).toBe(10240);
    expect(r.info.trailingZeros).toBe(true);
    expect(await sha256(r.bytes)).toBe(await sha256(a));
  });

  it('a damaged member: the fast path returns null and GzipDecoder names the error', async () => {
    const gz = await gzipWithPlatform(tarLike(1024 * 1024));
    gz[gz.length - 6] ^= 0x10; // inside the stored CRC32
    expect(await inflateFast(new Blob([gz]), () => {})).toBeNull();
    await expect(inflateBlob(new Blob([gz]))).rejects.toThrow(/^gzip: CRC32 mismatch in member 1 \(offset 0\): stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}$/);
  });
  it('a gzip bomb (256 MiB of zeros in ~256 KB) goes to DecompressionStream 32 KiB at a time, and all of it comes out', async () => {
    // Issue 12: a 4 MiB read of a bomb written whole made the platform queue ~4 GiB at once.
    // Deflate expands at most ~1032:1, so 32 KiB writes bound what one write can queue (~33 MiB).
    const GiB = 2 ** 28; // 256 MiB: enough for many 32 KiB writes, quick on a loaded machine
    const zeros = new Uint8Array(1 << 20);
    let sent = 0;
    const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull(c) {
        if (sent === GiB) c.close();
        else {
          c.enqueue(zeros);
          sent += zeros.length;
        }
      },
    });
    const bomb = new Blob([await new Response(source.pipeThrough(new CompressionStream('gzip'))).arrayBuffer()]);
    expect(bomb.size).toBeLessThan(2 * 1024 * 1024);
    const Real = globalThis.DecompressionStream;
    let largestWrite = 0;
    class Spy {
      readonly writable: WritableStream<BufferSource>;
      readonly readable: ReadableStream<Uint8Array<ArrayBuffer>>;
      constructor(format: CompressionFormat) {
        const ds = new Real(format);
        const tap = new TransformStream<BufferSource, BufferSource>({
          transform(c, ctl) {
            largestWrite = Math.max(largestWrite, c.byteLength);
            ctl.enqueue(c);
          },
        });
        void tap.readable.pipeTo(ds.writable).catch(() => {});
        this.writable = tap.writable;
        this.readable = ds.readable;
      }
    }
    globalThis.DecompressionStream = Spy as unknown as typeof DecompressionStream;
    try {
      let total = 0;
      const info = await inflateFast(bomb, (c) => {
        total += c.length;
      });
      expect(info?.inflater).toBe('DecompressionStream');
      expect(total).toBe(GiB);
      expect(largestWrite).toBe(32 * 1024);
    } finally {
      globalThis.DecompressionStream = Real;
    }
  }, 120_000);
});
